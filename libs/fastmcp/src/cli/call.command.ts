import { Command } from 'commander';
import { addConnectionOptions, withConnection, writeJson, type CliContext } from './cli-context.js';
import { collect, toolArguments } from './call-arguments.js';
import { resolveTarget } from './cli-target.js';
import { ExitCode } from './exit-codes.js';
import { addLogLevelOption, runReported, type RequestFlags } from './request-session.js';
import { toolResultText } from './result-text.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface CallFlags extends RequestFlags {
  args?: string;
  arg?: string[];
}

export function callCommand(context: CliContext): Command {
  const command = new Command('call')
    .description('call a tool and print its result; exits 1 when the tool answers isError: true')
    .usage("[options] <url> <tool>\n       nestjs-fastmcp call [options] <tool> -- <command> [args...]")
    .argument('[url]', "the server's Streamable HTTP URL; leave it out when the server's command follows --")
    .argument('[tool]', 'the name of the tool')
    .option('--args <json>', "the tool's arguments as one JSON object, e.g. '{\"a\": 2}'; - reads it from stdin")
    .option('-a, --arg <key=value>', 'one argument; the value is read as JSON when it parses, else as a string (repeatable, wins over --args)', collect);
  return addLogLevelOption(addConnectionOptions(command)).action(async (url: string | undefined, tool: string | undefined, flags: CallFlags) => {
    const { target, values } = resolveTarget([url, tool], context.serverCommand, ['tool']);
    const args = toolArguments(flags.args === '-' ? await readStdin() : flags.args, flags.arg);
    const result = await withConnection(context, target, flags, (connection) =>
      runReported(context, connection, flags, (meta, options) =>
        connection.client.callTool({ name: values[0]!, arguments: args, ...(meta ? { _meta: meta } : {}) }, options),
      ),
    );
    if (flags.json) writeJson(context.stdout, result);
    else context.stdout.write(toolResultText(result));
    if (result.isError) context.exitCode = ExitCode.ToolError;
  });
}
