import { Command } from 'commander';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { collect } from './call-arguments.js';
import type { CliContext } from './cli-context.js';
import { CliUsageError } from './cli-errors.js';
import { parseHeaders } from './cli-target.js';
import { StdioBridge } from './stdio-bridge.js';

interface BridgeFlags {
  header?: string[];
}

/**
 * `stdio-bridge <url>`: a stdio MCP server in front of a remote Streamable HTTP one, for
 * desktop clients that start servers as child processes only. Runs until stdin closes.
 */
export function stdioBridgeCommand(context: CliContext): Command {
  return new Command('stdio-bridge')
    .description('serve a remote Streamable HTTP MCP server over stdio (for clients that only start local servers)')
    .argument('<url>', "the remote server's Streamable HTTP URL")
    .option('-H, --header <header>', "HTTP header sent with every request, e.g. 'Authorization: Bearer <token>' (repeatable)", collect)
    .action(async (url: string, flags: BridgeFlags) => {
      if (context.serverCommand) throw new CliUsageError('stdio-bridge forwards to a URL: a server command after -- has no place here');
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new CliUsageError(`"${url}" is not an http:// or https:// URL`);
      const stdio = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => (stdio.onclose = resolve));
      // The client closing stdin is the end of the session; a stdio transport reports it on stdin's end.
      process.stdin.once('end', () => void stdio.close());
      const bridge = new StdioBridge(stdio, { url: new URL(url), headers: parseHeaders(flags.header ?? []), log: (line) => context.stderr.write(`stdio-bridge: ${line}\n`) });
      await bridge.start();
      await closed;
      await bridge.close();
    });
}
