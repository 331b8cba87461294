import { ExitCode } from './exit-codes.js';

/** A failure the command reports in one line and turns into its exit code. */
export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
}

/** The command line cannot be understood: a missing operand, a malformed `--args`, an unknown client. */
export class CliUsageError extends CliError {
  readonly exitCode = ExitCode.Usage;
  override readonly name = 'CliUsageError';
}

/** No MCP conversation could be had with the server; `detail` holds what the child printed, if anything. */
export class CliConnectionError extends CliError {
  readonly exitCode = ExitCode.ConnectionFailure;
  override readonly name = 'CliConnectionError';

  constructor(
    message: string,
    readonly detail?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The server refused a request with a JSON-RPC error, or answered with something the client rejects. */
export class CliProtocolError extends CliError {
  readonly exitCode = ExitCode.ProtocolError;
  override readonly name = 'CliProtocolError';

  constructor(
    message: string,
    readonly code?: number | string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
