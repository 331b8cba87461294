import { Command } from 'commander';
import { addConnectionOptions, withConnection, writeJson, type CliContext } from './cli-context.js';
import { collect, promptArguments } from './call-arguments.js';
import { resolveTarget } from './cli-target.js';
import { addLogLevelOption, runReported, type RequestFlags } from './request-session.js';
import { promptResultText } from './result-text.js';

interface PromptFlags extends RequestFlags {
  arg?: string[];
}

export function promptCommand(context: CliContext): Command {
  const command = new Command('prompt')
    .description("get a prompt and print its messages, one 'role: text' line each")
    .usage('[options] <url> <name>\n       nestjs-fastmcp prompt [options] <name> -- <command> [args...]')
    .argument('[url]', "the server's Streamable HTTP URL; leave it out when the server's command follows --")
    .argument('[name]', 'the name of the prompt')
    .option('-a, --arg <key=value>', 'one argument, as a string (repeatable)', collect);
  return addLogLevelOption(addConnectionOptions(command)).action(async (url: string | undefined, name: string | undefined, flags: PromptFlags) => {
    const { target, values } = resolveTarget([url, name], context.serverCommand, ['name']);
    const args = promptArguments(flags.arg);
    const result = await withConnection(context, target, flags, (connection) =>
      runReported(context, connection, flags, (meta, options) =>
        connection.client.getPrompt({ name: values[0]!, arguments: args, ...(meta ? { _meta: meta } : {}) }, options),
      ),
    );
    if (flags.json) writeJson(context.stdout, result);
    else context.stdout.write(promptResultText(result));
  });
}
