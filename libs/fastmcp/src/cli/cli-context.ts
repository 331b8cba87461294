import { Command, InvalidArgumentError, Option } from 'commander';
import { collect } from './call-arguments.js';
import { parseHeaders, type McpTarget } from './cli-target.js';
import { ExitCode } from './exit-codes.js';
import { classify } from './failure-classifier.js';
import { ERAS, McpConnection, type Era } from './mcp-connection.js';
import type { TerminalStream } from './terminal-style.js';

/** What every command reads besides its own options: the streams, the server command, the outcome. */
export interface CliContext {
  readonly stdout: TerminalStream;
  readonly stderr: TerminalStream;
  /** What followed `--` on the command line. */
  readonly serverCommand?: string[];
  readonly version: string;
  exitCode: ExitCode;
}

/** The options of every command that talks to a server. */
export interface ConnectionFlags {
  header?: string[];
  era?: Era;
  sse?: boolean;
  serverStderr?: boolean;
  json?: boolean;
  timeout: number;
}

export function addConnectionOptions(command: Command): Command {
  return command
    .option('-H, --header <header>', "HTTP header sent with every request, e.g. 'Authorization: Bearer <token>' (repeatable)", collect)
    .addOption(new Option('--era <revision>', 'protocol revision to use instead of negotiating (default: 2026-07-28 when the server offers it)').choices(ERAS))
    .addOption(new Option('--timeout <ms>', 'time limit of each request, reset by progress').default(60_000).argParser(positiveInteger))
    .option('--sse', 'use the legacy HTTP+SSE transport: the URL is the server\'s SSE endpoint, e.g. http://127.0.0.1:3000/sse')
    .option('--server-stderr', "show the stdio server's stderr as it runs (otherwise shown only when it fails)")
    .option('--json', 'print the raw result as JSON');
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('expected a positive whole number of milliseconds');
  return value;
}

/** Opens the connection, runs `work`, closes; any failure becomes the CLI error of its kind. */
export async function withConnection<T>(context: CliContext, target: McpTarget, flags: ConnectionFlags, work: (connection: McpConnection) => Promise<T>): Promise<T> {
  const connection = await McpConnection.open(target, {
    headers: parseHeaders(flags.header ?? []),
    era: flags.era,
    sse: flags.sse,
    serverStderr: flags.serverStderr,
    clientVersion: context.version,
  });
  try {
    return await work(connection);
  } catch (error) {
    throw classify(error, false, () => connection.childOutput);
  } finally {
    await connection.close();
  }
}

export function writeJson(stream: TerminalStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}
