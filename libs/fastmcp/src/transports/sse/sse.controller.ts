import { Controller, Get, Post, Req, Res, type Type } from '@nestjs/common';
import { McpHttpAdmission } from '../../http/mcp-http-admission.js';
import { McpHttpPlatformHost } from '../../http/platform/mcp-http-platform.host.js';
import type { ResolvedMcpOptions } from '../../options/mcp-options.js';
import { SseAdapter } from './sse.adapter.js';

/**
 * The legacy HTTP+SSE routes (`GET /sse`, `POST /messages`) as a Nest controller. A fresh class
 * per module registration: its paths come from options `forRootAsync` only knows later.
 */
export function createSseController(): Type {
  @Controller()
  class McpSseController {
    constructor(
      private readonly admission: McpHttpAdmission,
      private readonly sse: SseAdapter,
      private readonly platforms: McpHttpPlatformHost,
    ) {}

    async openSse(@Req() request: unknown, @Res() response: unknown) {
      const { req, res } = this.platforms.platform.takeOver(request, response);
      if (this.admission.admitted(req, res)) return this.sse.open(req, res);
    }

    async postSseMessage(@Req() request: unknown, @Res() response: unknown) {
      const { req, res } = this.platforms.platform.takeOver(request, response);
      if (this.admission.admitted(req, res) && (await this.admission.screened(req, res))) return this.sse.post(req, res);
    }
  }
  return McpSseController;
}

/** Binds the controller's methods to the configured paths; runs before Nest maps routes. */
export function mapSseRoutes(controller: Type, options: ResolvedMcpOptions): true {
  if (!options.transports.has('sse')) return true;
  const route = (decorator: MethodDecorator, method: string) =>
    decorator(controller.prototype, method, Object.getOwnPropertyDescriptor(controller.prototype, method)!);
  route(Get(options.ssePath), 'openSse');
  route(Post(options.sseMessagesPath), 'postSseMessage');
  return true;
}

/** The controller method Nest routes an SSE-transport request to. */
export function sseRouteOf(req: { method?: string }): string {
  return req.method === 'POST' ? 'postSseMessage' : 'openSse';
}
