import type { ServerResponse } from 'node:http';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';

/** The Node request and response an MCP route serves, whatever the platform wrapped them in. */
export interface NodeHttpPair {
  readonly req: McpHttpRequest;
  readonly res: ServerResponse;
}

/**
 * What differs between Nest's HTTP platforms for the MCP routes. The transports speak Node's
 * `IncomingMessage` / `ServerResponse` (the SDK's Node entry does); a platform says how to reach
 * them from what Nest hands a controller, and how the app's request objects relate to them.
 */
export interface McpHttpPlatform {
  /** `HttpAdapter.getType()` of the platform: `'express'`, `'fastify'`. */
  readonly type: string;
  /**
   * The Node pair behind a controller's `@Req()` and `@Res()`, the response taken over from the
   * platform (which must then neither write nor complain that nothing was sent), the parsed
   * body and `req.user` on the Node request.
   */
  takeOver(request: unknown, response: unknown): NodeHttpPair;
  /** Readies the app once, before it serves (while the platform still accepts changes). */
  prepare(instance: unknown): void;
}
