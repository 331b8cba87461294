import type { ServerResponse } from 'node:http';
import type { McpHttpRequest } from '../common/mcp-http-request.js';

/**
 * Where a 2025-era session is served when several instances share one endpoint (the Redis
 * module provides one). Each session has one owner, the instance holding its live server and
 * streams; a request for a session another live instance owns is forwarded there, so no state
 * of a session is ever split between two processes.
 *
 * @publicApi
 */
export interface McpSessionRouter {
  /**
   * Serves the request on the instance that owns `sessionId` and resolves `true` once it is
   * answered; resolves `false` when this instance must serve it (it is the owner, no live
   * instance owns it, or the owner is gone).
   */
  forward(sessionId: string, req: McpHttpRequest, res: ServerResponse, body: unknown): Promise<boolean>;
  /** This instance now serves the session (it opened it, or took it over). */
  claimed(sessionId: string): void;
  /** This instance no longer serves the session (closed, idle, or shutting down). */
  released(sessionId: string): void;
}

/** Injection token of the optional `McpSessionRouter`; provide it from a global module. */
export const MCP_SESSION_ROUTER = Symbol.for('nestjs-fastmcp:session-router');
