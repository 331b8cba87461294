import { HttpException, Logger } from '@nestjs/common';
import { ProtocolError, ProtocolErrorCode, ResourceNotFoundError } from '@modelcontextprotocol/server';
import { McpUserError } from '../errors/mcp-user-error.js';
import { INTERNAL_ERROR } from '../errors/mcp.messages.js';


/**
 * Decides what a client learns about a failed handler. Deliberate errors (`McpUserError`,
 * 4xx `HttpException`, SDK protocol errors) keep their message; anything else is logged with
 * its stack and, with `maskErrors`, replaced by a generic message so no internals leak.
 */
export class McpErrorMapper {
  private readonly logger = new Logger('Mcp');

  constructor(private readonly maskErrors: boolean) {}

  /** The text of an `isError: true` tool result. */
  toolErrorMessage(error: unknown, what: string): string {
    if (error instanceof McpUserError) return error.message;
    const http = this.httpMessage(error);
    if (http !== undefined) return http;
    return this.unexpected(error, what);
  }

  /** A JSON-RPC error for resources and prompts, which have no error results. */
  toProtocolError(error: unknown, what: string, uri?: string): ProtocolError {
    if (error instanceof ProtocolError) return error;
    if (error instanceof McpUserError) return new ProtocolError(ProtocolErrorCode.InvalidParams, error.message, error.data);
    if (error instanceof HttpException && error.getStatus() === 404 && uri !== undefined) {
      return new ResourceNotFoundError(uri, this.httpMessage(error));
    }
    const http = this.httpMessage(error);
    if (http !== undefined) {
      const status = (error as HttpException).getStatus();
      const code = status === 401 || status === 403 ? ProtocolErrorCode.InvalidRequest : ProtocolErrorCode.InvalidParams;
      return new ProtocolError(code, http, { status });
    }
    return new ProtocolError(ProtocolErrorCode.InternalError, this.unexpected(error, what));
  }

  private httpMessage(error: unknown): string | undefined {
    if (!(error instanceof HttpException) || error.getStatus() >= 500) return undefined;
    const response = error.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
  }

  private unexpected(error: unknown, what: string): string {
    const err = error instanceof Error ? error : new Error(String(error));
    this.logger.error(`${what} failed: ${err.message}`, err.stack);
    return this.maskErrors ? INTERNAL_ERROR : err.message;
  }
}
