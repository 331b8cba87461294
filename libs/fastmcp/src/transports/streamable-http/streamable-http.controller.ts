import { Controller, Delete, Get, Post, Req, Res, type Type } from '@nestjs/common';
import { McpHttpPlatformHost } from '../../http/platform/mcp-http-platform.host.js';
import type { ResolvedMcpOptions } from '../../options/mcp-options.js';
import { StreamableHttpEndpoint } from './streamable-http.endpoint.js';

/**
 * The Streamable HTTP routes as a Nest controller, so the app's global guards, interceptors and
 * middleware see MCP traffic like any other route; `@Req()` and `@Res()` are the platform's
 * objects, which the platform unwraps to the Node pair the transport writes to. A fresh class per module registration: its
 * path comes from options that `forRootAsync` only knows once providers resolve.
 */
export function createStreamableHttpController(): Type {
  @Controller()
  class McpStreamableHttpController {
    constructor(
      private readonly endpoint: StreamableHttpEndpoint,
      private readonly platforms: McpHttpPlatformHost,
    ) {}

    handlePost(@Req() request: unknown, @Res() response: unknown) {
      const { req, res } = this.platforms.platform.takeOver(request, response);
      return this.endpoint.post(req, res);
    }

    handleGet(@Req() request: unknown, @Res() response: unknown) {
      const { req, res } = this.platforms.platform.takeOver(request, response);
      return this.endpoint.serve(req, res);
    }

    handleDelete(@Req() request: unknown, @Res() response: unknown) {
      const { req, res } = this.platforms.platform.takeOver(request, response);
      return this.endpoint.serve(req, res);
    }
  }
  return McpStreamableHttpController;
}

/** Binds the controller's methods to the configured path; runs before Nest maps routes (at `app.init()`). */
export function mapStreamableHttpRoutes(controller: Type, options: ResolvedMcpOptions): true {
  if (!options.transports.has('streamable-http')) return true;
  const route = (decorator: MethodDecorator, method: string) =>
    decorator(controller.prototype, method, Object.getOwnPropertyDescriptor(controller.prototype, method)!);
  route(Post(options.path), 'handlePost');
  route(Get(options.path), 'handleGet');
  route(Delete(options.path), 'handleDelete');
  return true;
}

/** The controller method Nest routes a Streamable HTTP request to. */
export function streamableHttpRouteOf(req: { method?: string }): string {
  return req.method === 'POST' ? 'handlePost' : req.method === 'DELETE' ? 'handleDelete' : 'handleGet';
}
