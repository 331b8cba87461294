import { Command, Option } from 'commander';
import { collect } from './call-arguments.js';
import { writeJson, type CliContext } from './cli-context.js';
import { parseHeaders, resolveTarget } from './cli-target.js';
import { CliUsageError } from './cli-errors.js';
import { CLIENT_TITLES, clientConfig, defaultServerName, MCP_CLIENTS, STDIO_BRIDGE, type McpClientName } from './client-config.js';

interface ConfigFlags {
  client: McpClientName;
  name?: string;
  header?: string[];
  json?: boolean;
}

export function configCommand(context: CliContext): Command {
  return new Command('config')
    .description("print the JSON that adds the server to an MCP client's configuration file, and where that file is")
    .usage('[options] --client <client> <url>\n       nestjs-fastmcp config [options] --client <client> -- <command> [args...]')
    .argument('[url]', "the server's Streamable HTTP URL; leave it out when the server's command follows --")
    .addOption(new Option('-c, --client <client>', 'the MCP client').choices(MCP_CLIENTS).makeOptionMandatory())
    .option('-n, --name <name>', 'the name of the server entry (default: the host, or the script of the command)')
    .option('-H, --header <header>', "HTTP header the client sends, e.g. 'Authorization: Bearer <token>' (repeatable)", collect)
    .option('--json', 'print one JSON document: { client, snippet, files, note }')
    .addHelpText(
      'after',
      `\nClaude Desktop's configuration file starts local servers over stdio only, so an HTTP server is added\nthrough the "${STDIO_BRIDGE.join(' ')} <url>" bridge; Cursor and VS Code connect to the URL directly.\nThe snippet goes to stdout, the file locations to stderr.`,
    )
    .action((url: string | undefined, flags: ConfigFlags) => {
      const { target } = resolveTarget([url], context.serverCommand, []);
      const headers = parseHeaders(flags.header ?? []);
      if (target.kind === 'stdio' && Object.keys(headers).length > 0) throw new CliUsageError('--header applies to HTTP servers');
      const config = clientConfig(flags.client, target, flags.name ?? defaultServerName(target), headers);
      if (flags.json) {
        writeJson(context.stdout, config);
        return;
      }
      writeJson(context.stdout, config.snippet);
      const lines = [`Merge into the "${Object.keys(config.snippet)[0]}" object of ${CLIENT_TITLES[flags.client]}'s configuration file:`];
      for (const file of config.files) lines.push(`  ${file.scope.padEnd(30)}  ${file.path}`);
      if (config.note) lines.push(config.note);
      context.stderr.write(`${lines.join('\n')}\n`);
    });
}
