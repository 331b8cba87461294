import { Command, CommanderError } from 'commander';
import { callCommand } from './call.command.js';
import { CliConnectionError, CliError, CliUsageError } from './cli-errors.js';
import type { CliContext } from './cli-context.js';
import { splitAtServerCommand } from './cli-target.js';
import { configCommand } from './config.command.js';
import { EXIT_CODES_HELP, ExitCode } from './exit-codes.js';
import { classify } from './failure-classifier.js';
import { inspectCommand } from './inspect.command.js';
import { promptCommand } from './prompt.command.js';
import { readCommand } from './read.command.js';
import { stdioBridgeCommand } from './stdio-bridge.command.js';
import { proxyCommand } from './proxy.command.js';
import { TerminalStyle, type TerminalStream } from './terminal-style.js';

const TARGETS_HELP = `Servers:
  A URL (http:// or https://) is reached over Streamable HTTP. A server started as a child process
  and spoken to over stdio comes last, after --, so its own flags are never read as ours:
    nestjs-fastmcp inspect http://127.0.0.1:3000/mcp
    nestjs-fastmcp call http://127.0.0.1:3000/mcp add --args '{"a": 2, "b": 3}'
    nestjs-fastmcp call add --arg a=2 --arg b=3 -- node dist/main.js
  The protocol revision is negotiated (2026-07-28 when the server offers it, else 2025-11-25);
  --era pins one.`;

export interface CliStreams {
  stdout: TerminalStream;
  stderr: TerminalStream;
}

function buildProgram(context: CliContext): Command {
  const program = new Command('nestjs-fastmcp')
    .description('Inspect and call Model Context Protocol servers from the shell')
    .version(context.version, '-v, --version')
    // Settings made before .addCommand are not inherited: each command gets them below.
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', `\n${TARGETS_HELP}\n\n${EXIT_CODES_HELP}`);
  for (const command of [inspectCommand(context), callCommand(context), readCommand(context), promptCommand(context), configCommand(context), stdioBridgeCommand(context), proxyCommand(context)]) {
    command.addHelpText('after', `\n${EXIT_CODES_HELP}`).showHelpAfterError('(add --help for usage)');
    program.addCommand(command);
  }
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  }
  return program;
}

function report(error: CliError, stderr: TerminalStream): void {
  const style = new TerminalStyle(stderr);
  stderr.write(`${style.paint('red', 'error:')} ${error.message}\n`);
  if (error instanceof CliUsageError) stderr.write('(add --help for usage)\n');
  if (error instanceof CliConnectionError && error.detail?.trim()) {
    stderr.write(`${style.paint('dim', 'the server printed:')}\n${error.detail.trimEnd()}\n`);
  }
}

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], streams: CliStreams, version: string): Promise<ExitCode> {
  const { own, serverCommand } = splitAtServerCommand(argv);
  const context: CliContext = { ...streams, serverCommand, version, exitCode: ExitCode.Success };
  const program = buildProgram(context);
  try {
    await program.parseAsync(own, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    // Commander has printed its own message (or the help, or the version) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Success : ExitCode.Usage;
    const failure = error instanceof CliError ? error : classify(error, false);
    report(failure, streams.stderr);
    return failure.exitCode;
  }
}

