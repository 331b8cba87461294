import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import type { McpHttpRequest } from '../execution/mcp-context.js';

/** The HTTP exchange an MCP message arrived on. */
export interface McpHttpExchange {
  readonly request: McpHttpRequest;
  /** Aborted when the client drops the connection before its response is complete. */
  readonly disconnected: AbortSignal;
}

/**
 * A legacy session's server outlives any one request, so the HTTP exchange reaches handlers
 * through async context, not through the server.
 */
export const mcpHttpRequestScope = new AsyncLocalStorage<McpHttpExchange>();

export function runInHttpExchange<T>(request: McpHttpRequest, res: ServerResponse, fn: () => T): T {
  const disconnect = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) disconnect.abort(new Error('Client disconnected'));
  });
  return mcpHttpRequestScope.run({ request, disconnected: disconnect.signal }, fn);
}
