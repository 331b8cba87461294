import type { ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpEndpointGuards } from './mcp-endpoint-guards.js';

/**
 * Runs the endpoint's guards (`guards` option) on the MCP routes. A middleware, because Nest
 * runs middleware before any route guard: the endpoint's authentication comes before the app's
 * global guards, which then see `req.user`.
 */
@Injectable()
export class McpEndpointGuardsMiddleware implements NestMiddleware {
  constructor(
    private readonly guards: McpEndpointGuards,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
  ) {}

  async use(req: McpHttpRequest, res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    await this.guards.check(req, res, this.routeMethodOf(req));
    next();
  }

  /** The controller method Nest would route this request to (see `mapMcpRoutes`). */
  private routeMethodOf(req: McpHttpRequest): string {
    const path = pathOf(req);
    if (this.options.transports.has('sse') && path.endsWith(this.options.ssePath) && req.method === 'GET') return 'openSse';
    if (this.options.transports.has('sse') && path.endsWith(this.options.sseMessagesPath) && req.method === 'POST') return 'postSseMessage';
    return req.method === 'POST' ? 'handlePost' : req.method === 'DELETE' ? 'handleDelete' : 'handleGet';
  }
}

function pathOf(req: McpHttpRequest): string {
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return (query === -1 ? url : url.slice(0, query)).replace(/\/+$/, '');
}
