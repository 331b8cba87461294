import type { ServerResponse } from 'node:http';
import { ForbiddenException, Inject, Injectable, type CanActivate, type ExecutionContext, type MiddlewareConsumer, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { FORBIDDEN } from '../errors/mcp.messages.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { DeferredGuard } from './deferred-guard.js';
import { McpHttpRouteContext } from './mcp-http-route.context.js';
import { McpHttpPlatformHost } from './platform/mcp-http-platform.host.js';
import type { McpRouteInfo } from './platform/mcp-http-platform.js';

type RouteOf = (req: { method?: string }) => string;

/** The endpoint's guards for one transport's routes, for code that serves those routes itself. */
export interface McpGuardedRoutes {
  /** Runs the guards on a request to one of the routes; rejects as the middleware would throw. */
  check(req: McpHttpRequest, res: ServerResponse): Promise<void>;
  /** The context the guards see for that request (also the host an exception filter answers on). */
  contextOf(req: McpHttpRequest, res: ServerResponse): ExecutionContext;
}

/**
 * The `guards` option: guards of the MCP HTTP endpoint, run before anything else on its routes
 * (the app's global guards included), once per HTTP request, with `context.getType() ===
 * 'http'` and the route's controller method as handler. Authentication belongs here: global
 * guards and the handlers' own guards then see `req.user`.
 */
@Injectable()
export class McpEndpointGuards {
  private readonly guards: CanActivate[];
  /** Controllers of the guarded routes, by the function that names their methods. */
  private readonly routed = new Map<RouteOf, Type>();

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
  guardRoutes(consumer: MiddlewareConsumer, routes: readonly McpRouteInfo[], controller: Type, routeOf: RouteOf): void {
    this.routed.set(routeOf, controller);
    this.platforms.platform.guardRoutes(consumer, routes, (req, res) =>
      this.check(req as McpHttpRequest, res as ServerResponse, controller, (controller.prototype as Record<string, Function>)[routeOf(req as { method?: string })]!),
    );
  }

  /**
   * The guards of the routes guarded with `routeOf`, for serving those routes ahead of Nest's
   * router (the fast path's front door); undefined while those routes are not guarded.
   */
  routesOf(routeOf: RouteOf): McpGuardedRoutes | undefined {
    const controller = this.routed.get(routeOf);
    if (!controller) return undefined;
    const handlerOf = (req: McpHttpRequest) => (controller.prototype as Record<string, Function>)[routeOf(req)]!;
    return {
      check: (req, res) => this.check(req, res, controller, handlerOf(req)),
      contextOf: (req, res) => new McpHttpRouteContext(req, res, controller, handlerOf(req)),
    };
  }
}
