import { Command } from 'commander';
import { addConnectionOptions, withConnection, writeJson, type CliContext } from './cli-context.js';
import { resolveTarget } from './cli-target.js';
import { addLogLevelOption, runReported, type RequestFlags } from './request-session.js';
import { resourceResultText, singleBlob } from './result-text.js';

export function readCommand(context: CliContext): Command {
  const command = new Command('read')
    .description('read a resource and print its contents (a single binary resource is written as raw bytes when stdout is not a terminal)')
    .usage('[options] <url> <uri>\n       nestjs-fastmcp read [options] <uri> -- <command> [args...]')
    .argument('[url]', "the server's Streamable HTTP URL; leave it out when the server's command follows --")
    .argument('[uri]', 'the URI of the resource');
  return addLogLevelOption(addConnectionOptions(command)).action(async (url: string | undefined, uri: string | undefined, flags: RequestFlags) => {
    const { target, values } = resolveTarget([url, uri], context.serverCommand, ['uri']);
    const result = await withConnection(context, target, flags, (connection) =>
      runReported(context, connection, flags, (meta, options) => connection.client.readResource({ uri: values[0]!, ...(meta ? { _meta: meta } : {}) }, options)),
    );
    const blob = singleBlob(result);
    if (flags.json) writeJson(context.stdout, result);
    else if (blob && !context.stdout.isTTY) context.stdout.write(blob);
    else context.stdout.write(resourceResultText(result));
  });
}
