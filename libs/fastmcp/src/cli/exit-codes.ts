/**
 * The process exit codes of the `nestjs-fastmcp` command. Scripts branch on them, so each failure
 * class has its own code; 64 is `EX_USAGE` from BSD's sysexits.h, the code shells expect for a
 * command line that could not be understood.
 */
export const ExitCode = {
  Success: 0,
  /** The tool ran and answered `isError: true`. */
  ToolError: 1,
  /** The server answered the request with a JSON-RPC error (or a result the client rejects). */
  ProtocolError: 2,
  /** No MCP conversation: the server is unreachable, refused the connection, or the child process failed. */
  ConnectionFailure: 3,
  /** The command line is wrong. */
  Usage: 64,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The table printed at the end of every `--help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0   success
  1   tool error: the tool answered with isError: true (so do arguments its schema refuses)
  2   protocol error: the server answered with a JSON-RPC error
  3   connection failure: cannot connect, HTTP 4xx/5xx while connecting, or the child process failed
  64  usage error: the command line is wrong`;
