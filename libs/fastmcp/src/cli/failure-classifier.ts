import { ProtocolError, SdkError, SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import { CliConnectionError, CliError, CliProtocolError } from './cli-errors.js';

// SDK errors that mean the conversation itself broke (the network, the HTTP exchange, the child
// process); every other SDK error is about one request's answer and counts as a protocol error.
const CONNECTION_CODES = new Set<string>([
  SdkErrorCode.NotConnected,
  SdkErrorCode.ConnectionClosed,
  SdkErrorCode.SendFailed,
  SdkErrorCode.EraNegotiationFailed,
  SdkErrorCode.ClientHttpNotImplemented,
  SdkErrorCode.ClientHttpAuthentication,
  SdkErrorCode.ClientHttpForbidden,
  SdkErrorCode.ClientHttpUnexpectedContent,
  SdkErrorCode.ClientHttpFailedToOpenStream,
]);

/**
 * The message of an error and of its causes (fetch's "fetch failed" alone says nothing), led by
 * the HTTP status when the server answered with one.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  if (error instanceof SdkHttpError && !error.message.startsWith(`HTTP ${error.data.status}`)) {
    parts.push(`HTTP ${error.data.status}${error.data.statusText ? ` ${error.data.statusText}` : ''}`);
  }
  for (let current: unknown = error; current instanceof Error && parts.length < 4; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    const text = current.message || String(code ?? current.name);
    if (!parts.some((part) => part.includes(text))) parts.push(text);
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

/**
 * Sorts a failure into the command's exit codes. `connecting` is true until the MCP handshake
 * finished: anything that stops it is a connection failure, whatever its kind.
 */
export function classify(error: unknown, connecting: boolean, childOutput?: () => string): CliError {
  if (error instanceof CliError) return error;
  if (!connecting && error instanceof ProtocolError) {
    return new CliProtocolError(`${error.message} (JSON-RPC error ${error.code})`, error.code, { cause: error });
  }
  if (!connecting && error instanceof SdkError && !CONNECTION_CODES.has(error.code)) {
    return new CliProtocolError(describeError(error), error.code, { cause: error });
  }
  return new CliConnectionError(connecting ? `cannot connect: ${describeError(error)}` : `connection lost: ${describeError(error)}`, childOutput?.(), { cause: error });
}
