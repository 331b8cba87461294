import type { ServerResponse } from 'node:http';
import { Controller, Delete, Get, Post, Req, Res, UseGuards, type Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { DeferredGuard } from '../auth/deferred-guard.js';
import type { McpHttpRequest } from '../execution/mcp-context.js';
import type { ResolvedMcpOptions } from '../mcp.module-definition.js';
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
 * Binds the controller's methods to the configured paths and its guards to `options.guards`;
 * runs before Nest maps routes (at `app.init()`). Guard classes are wrapped in `DeferredGuard`:
 * Nest registers guard classes as injectables while scanning, which is over by the time options
 * from `forRootAsync` exist, and would silently skip a class it never registered.
 */
export function mapMcpRoutes(controller: Type, options: ResolvedMcpOptions, moduleRef: ModuleRef): true {
  const guards = (options.guards ?? []).map((guard) => (typeof guard === 'function' ? new DeferredGuard(guard, moduleRef) : guard));
  if (guards.length > 0) UseGuards(...guards)(controller);
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
