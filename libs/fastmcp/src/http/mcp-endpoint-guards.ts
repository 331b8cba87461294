import type { ServerResponse } from 'node:http';
import { ForbiddenException, Inject, Injectable, type CanActivate, type MiddlewareConsumer, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { FORBIDDEN } from '../errors/mcp.messages.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { DeferredGuard } from './deferred-guard.js';
import { McpHttpRouteContext } from './mcp-http-route.context.js';
import { McpHttpPlatformHost } from './platform/mcp-http-platform.host.js';
import type { McpRouteInfo } from './platform/mcp-http-platform.js';

/**
 * The `guards` option: guards of the MCP HTTP endpoint, run before anything else on its routes
 * (the app's global guards included), once per HTTP request, with `context.getType() ===
 * 'http'` and the route's controller method as handler. Authentication belongs here: global
 * guards and the handlers' own guards then see `req.user`.
 */
@Injectable()
export class McpEndpointGuards {
  private readonly guards: CanActivate[];

  constructor(
    @Inject(MCP_OPTIONS) options: ResolvedMcpOptions,
    moduleRef: ModuleRef,
    private readonly platforms: McpHttpPlatformHost,
  ) {
    // Classes are looked up on first use: options from `forRootAsync` arrive after Nest has
    // registered the app's injectables, and a provider guard may still be a placeholder now.
    this.guards = (options.guards ?? []).map((guard) => (typeof guard === 'function' ? new DeferredGuard(guard, moduleRef) : guard));
  }

  get configured(): boolean {
    return this.guards.length > 0;
  }

  /** Runs the guards in order; a refusal throws (`ForbiddenException` for a `false`), as a route guard's would. */
  async check(req: McpHttpRequest, res: ServerResponse, controller: Type, handler: Function): Promise<void> {
    const context = new McpHttpRouteContext(req, res, controller, handler);
    for (const guard of this.guards) {
      let verdict = guard.canActivate(context);
      if (verdict instanceof Promise) verdict = await verdict;
      if (isObservable(verdict)) verdict = await lastValueFrom(verdict);
      if (!verdict) throw new ForbiddenException(FORBIDDEN);
    }
  }

  /**
   * The endpoint's guards for one transport's routes, where the platform runs them: ahead of
   * every route guard (`McpHttpPlatform.guardRoutes`). `routeOf` names the controller method
   * Nest routes a request to. The guards see what the platform hands there (on Express, the
   * Express request; on Fastify, the `FastifyRequest`).
   */
  guardRoutes(consumer: MiddlewareConsumer, routes: readonly McpRouteInfo[], controller: Type, routeOf: (req: { method?: string }) => string): void {
    this.platforms.platform.guardRoutes(consumer, routes, (req, res) =>
      this.check(req as McpHttpRequest, res as ServerResponse, controller, (controller.prototype as Record<string, Function>)[routeOf(req as { method?: string })]!),
    );
  }
}
