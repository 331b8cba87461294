import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import type { McpHttpRequest } from '../execution/mcp-context.js';
import { completeExpressInit } from './express-request-init.js';

type DisconnectListener = (reason: Error) => void;

/** The HTTP exchange an MCP message arrived on. */
export class McpHttpExchange {
  private listeners?: DisconnectListener[];
  private dropped?: Error;

  /** Without `res` (a task outliving its request): never disconnects. */
  constructor(
    private readonly rawRequest: McpHttpRequest,
    res?: ServerResponse,
  ) {
    res?.once('close', () => {
      if (res.writableFinished) return;
      this.dropped = new Error('Client disconnected');
      for (const listener of this.listeners ?? []) listener(this.dropped);
    });
  }

  /** The request as app code sees it (an Express request even when the front door took it). */
  get request(): McpHttpRequest {
    return completeExpressInit(this.rawRequest);
  }

  /** The same request for work that outlives this exchange (a task): it never disconnects. */
  detached(): McpHttpExchange {
    return new McpHttpExchange(this.rawRequest);
  }

  /** The principal on the request (`req.user`), without making it an Express request. */
  get user(): unknown {
    return this.rawRequest.user;
  }

  /**
   * Calls `listener` once the client drops the connection before its response is complete (at
   * once if it already has). A listener, not a signal: most calls never need one made.
   */
  onDisconnect(listener: DisconnectListener): void {
    if (this.dropped) listener(this.dropped);
    else (this.listeners ??= []).push(listener);
  }
}

/**
 * A legacy session's server outlives any one request, so the HTTP exchange reaches handlers
 * through async context, not through the server.
 */
export const mcpHttpRequestScope = new AsyncLocalStorage<McpHttpExchange>();

export function runInHttpExchange<T>(request: McpHttpRequest, res: ServerResponse, fn: () => T): T {
  return mcpHttpRequestScope.run(new McpHttpExchange(request, res), fn);
}
