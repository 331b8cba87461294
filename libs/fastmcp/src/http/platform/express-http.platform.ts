import type { ServerResponse } from 'node:http';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import type { McpHttpPlatform, NodeHttpPair } from './mcp-http-platform.js';

/** Express: its request and response are the Node ones, extended; nothing to unwrap or take over. */
export class ExpressHttpPlatform implements McpHttpPlatform {
  readonly type = 'express';

  takeOver(request: unknown, response: unknown): NodeHttpPair {
    return { req: request as McpHttpRequest, res: response as ServerResponse };
  }

  prepare(): void {}
}
