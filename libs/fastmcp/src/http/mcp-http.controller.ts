import type { ServerResponse } from 'node:http';
import { Controller, Delete, Get, Post, Req, Res, type Type } from '@nestjs/common';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import type { ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpHttpEndpoint } from './mcp-http.endpoint.js';

/**
 * The MCP HTTP routes as a Nest controller, so the app's global guards, interceptors and
 * middleware see MCP traffic like any other route. A fresh class per module registration:
 * its paths come from options that `forRootAsync` only knows once providers resolve.
 */
export function createMcpHttpController(): Type {
  @Controller()
  class McpHttpController {
    constructor(private readonly endpoint: McpHttpEndpoint) {}

    handlePost(@Req() req: McpHttpRequest, @Res() res: ServerResponse) {
      return this.endpoint.post(req, res);
    }

    handleGet(@Req() req: McpHttpRequest, @Res() res: ServerResponse) {
      return this.endpoint.serve(req, res);
    }

    handleDelete(@Req() req: McpHttpRequest, @Res() res: ServerResponse) {
      return this.endpoint.serve(req, res);
    }

    openSse(@Req() req: McpHttpRequest, @Res() res: ServerResponse) {
      return this.endpoint.openSse(req, res);
    }

    postSseMessage(@Req() req: McpHttpRequest, @Res() res: ServerResponse) {
      return this.endpoint.postSseMessage(req, res);
    }
  }
  return McpHttpController;
}

/**
 * Binds the controller's methods to the configured paths; runs before Nest maps routes (at
 * `app.init()`). The endpoint's own guards (`guards` option) run ahead of the routes, in
 * `McpEndpointGuardsMiddleware`.
 */
export function mapMcpRoutes(controller: Type, options: ResolvedMcpOptions): true {
  const route = (decorator: MethodDecorator, method: string) =>
    decorator(controller.prototype, method, Object.getOwnPropertyDescriptor(controller.prototype, method)!);
  if (options.transports.has('streamable-http')) {
    route(Post(options.path), 'handlePost');
    route(Get(options.path), 'handleGet');
    route(Delete(options.path), 'handleDelete');
  }
  if (options.transports.has('sse')) {
    route(Get(options.ssePath), 'openSse');
    route(Post(options.sseMessagesPath), 'postSseMessage');
  }
  return true;
}
