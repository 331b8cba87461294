import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { ApplicationConfig, BaseExceptionFilter, HttpAdapterHost, Reflector } from '@nestjs/core';
import { completeRequestInit, deferRequestInit } from '../../common/deferred-request-init.js';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { sendJsonRpcError } from '../../common/json-http-response.js';
import { MCP_CALLS_ONLY_METADATA } from '../../common/mcp.constants.js';
import { INTERNAL_ERROR } from '../../errors/mcp.messages.js';
import { McpBodyErrorHandler } from '../../http/mcp-body-error.handler.js';
import { McpEndpointGuards, type McpGuardedRoutes } from '../../http/mcp-endpoint-guards.js';
import { McpRequestGate } from '../../http/mcp-request-gate.js';
import { adapterHooksSet, expressAppOf, expressAppSupport, initAsExpress, isAdapterHookLayer, type ExpressApp, type ExpressMiddleware } from '../../internals/express-app.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { streamableHttpRouteOf } from '../../transports/streamable-http/streamable-http.controller.js';
import { StreamableHttpEndpoint } from '../../transports/streamable-http/streamable-http.endpoint.js';
import { McpAccelSupport } from '../mcp-accel.support.js';
import { DefaultJsonParsers, type DefaultJsonReading, type ParsedBody } from './default-json-parsers.js';
import { planFrontDoor, type ExpressLayer, type FrontDoorPlan } from './express-route-stack.js';

/**
 * The front door's plan, how its parsers read JSON once they are known to read it as
 * body-parser's defaults do, and the endpoint's guards when the `guards` option sets any.
 */
type DoorPlan = FrontDoorPlan & { defaultJson?: DefaultJsonReading; guards?: McpGuardedRoutes };

/**
 * Serves `POST` on the MCP endpoint straight from the Node server, ahead of Express, when
 * nothing Express would run for it first does anything the front door does not reproduce
 * (`planFrontDoor`): no global guards or interceptors, no middleware on the path but the
 * endpoint's own guards (the `guards` option), which it runs itself as their middleware would,
 * answering a refusal as Nest's exception filter does. Express's own per-request work (its router, and turning the request and response into
 * Express objects) costs more than a whole `tools/call` of ours; the request becomes an
 * Express one only if app code asks for it (`completeRequestInit`). Every other request, and
 * every app the plan refuses, goes to Express as before. See docs/performance.md, "Express front door".
 */
@Injectable()
export class ExpressFrontDoor implements OnApplicationBootstrap {
  private readonly logger = new Logger('McpHttp');
  private readonly reader = new DefaultJsonParsers();
  private plan: DoorPlan | undefined;
  private plannedForLayers = -1;
  private poweredBy = false;
  private refusals: BaseExceptionFilter | undefined;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly support: McpAccelSupport,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
    private readonly reflector: Reflector,
    // Absent when no HTTP transport is served: then there is nothing to serve ahead of Express.
    @Optional() private readonly gate?: McpRequestGate,
    @Optional() private readonly bodyErrors?: McpBodyErrorHandler,
    @Optional() private readonly endpoint?: StreamableHttpEndpoint,
    @Optional() private readonly endpointGuards?: McpEndpointGuards,
  ) {}

  onApplicationBootstrap(): void {
    const adapter = this.adapterHost.httpAdapter;
    const app = expressAppOf(adapter);
    const bodyErrors = this.bodyErrors;
    if (!this.support.http || !this.endpoint || !bodyErrors || !this.gate || !this.options.transports.has('streamable-http') || !app) return;
    if (!this.support.check('express-app', expressAppSupport(app))) return;
    const endpoint = this.endpoint;
    // Behind the request gate, which has refused what it could without reading a body.
    this.gate.serveAhead(app, (req, res) => {
      const plan = req.method === 'POST' && !adapterHooksSet(adapter) ? this.planFor(app) : undefined;
      if (!plan || !isPath(req.url!, plan.path)) return false;
      this.serve(req, res, app, plan, endpoint, bodyErrors);
      return true;
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse, app: ExpressApp, plan: DoorPlan, endpoint: StreamableHttpEndpoint, bodyErrors: McpBodyErrorHandler): void {
    if (this.poweredBy) res.setHeader('X-Powered-By', 'Express');
    deferRequestInit(req, () => initAsExpress(app, plan.route, req, res));
    const parsed = (error?: unknown) => {
      if (error) {
        if (!bodyErrors.answer(error as { type?: string }, req, res)) this.fail(res, error);
        return;
      }
      if (plan.guards) return this.guarded(plan.guards, req, res, endpoint);
      endpoint.post(req, res).catch((failure: unknown) => this.fail(res, failure));
    };
    if (plan.defaultJson && this.reader.readsPlainJson(req)) {
      const { rawBody } = plan.defaultJson;
      this.reader.read(req, (body) => body && this.parsedByUs(body, rawBody, plan, req, res, parsed));
      return;
    }
    // Express catches what a layer throws; so must we, or it would escape the server's 'request' event.
    try {
      runParsers(plan.parsers, 0, req, res, parsed);
    } catch (error) {
      parsed(error);
    }
  }

  /**
   * The endpoint's guards, then the endpoint. Guards are app code: a guard that asks the context
   * for the request or response gets them as Express objects, as the route's middleware gives
   * them (`McpHttpRouteContext`); one of ours that reads only the Node request leaves it bare. A
   * refusal is answered as Nest answers what a middleware throws when the app has no exception
   * filters of its own (`globalEnhancers` keeps apps with global filters on Express).
   */
  private guarded(guards: McpGuardedRoutes, req: IncomingMessage, res: ServerResponse, endpoint: StreamableHttpEndpoint): void {
    const request = req as McpHttpRequest;
    guards.check(request, res).then(
      () => endpoint.post(req, res).catch((failure: unknown) => this.fail(res, failure)),
      (refusal: unknown) => (this.refusals ??= new BaseExceptionFilter(this.adapterHost.httpAdapter)).catch(refusal, guards.contextOf(completeRequestInit(request), res)),
    );
  }

  /** A body read here in the parsers' place: kept as they would keep it, or handed to them to answer. */
  private parsedByUs(parsed: ParsedBody, keepRawBody: boolean, plan: DoorPlan, req: IncomingMessage, res: ServerResponse, done: (error?: unknown) => void): void {
    const target = req as IncomingMessage & { body?: unknown; rawBody?: Buffer };
    if ('body' in parsed) {
      target.body = parsed.body;
      if (keepRawBody) target.rawBody = parsed.raw;
      return done();
    }
    const replay = parsed.replay as unknown as IncomingMessage & { body?: unknown; rawBody?: Buffer };
    try {
      runParsers(plan.parsers, 0, replay, res, (error) => {
        target.body = replay.body;
        if (replay.rawBody) target.rawBody = replay.rawBody;
        done(error);
      });
    } catch (error) {
      done(error);
    }
  }

  /**
   * The plan, made again whenever the app's Express stack has changed (as `app.use()` after start
   * would). How its parsers read JSON is found out by running them on sample requests: until that
   * is known, the front door runs them on every body.
   */
  private planFor(app: ExpressApp): DoorPlan | undefined {
    const stack = app.router.stack;
    if (stack.length === this.plannedForLayers) return this.plan;
    this.plannedForLayers = stack.length;
    this.poweredBy = app.enabled('x-powered-by');
    const guards = this.guardedRoutes();
    const refusal = (typeof guards === 'string' ? guards : this.globalEnhancers()) ?? this.stackPlan(app, stack, guards ? 1 : 0);
    const plan: DoorPlan | undefined = typeof refusal === 'string' ? undefined : { ...refusal, guards: guards as McpGuardedRoutes | undefined };
    this.plan = plan;
    if (plan) {
      void DefaultJsonParsers.recognise(plan.parsers).then((reading) => {
        if (this.plan === plan) plan.defaultJson = reading;
      });
    }
    this.logger.debug(plan ? `POST ${plan.path} is served ahead of Express` : `POST on the MCP path goes through Express: ${refusal as string}`);
    return plan;
  }

  /** Global guards and interceptors run on the MCP routes too, unless marked `@McpCallsOnly()`. */
  private globalEnhancers(): string | undefined {
    const config = this.config;
    const acting = (enhancers: readonly object[]) => enhancers.some((enhancer) => !this.reflector.get(MCP_CALLS_ONLY_METADATA, enhancer.constructor));
    const scoped = (wrappers: ReadonlyArray<{ metatype?: unknown }>) => wrappers.some((wrapper) => !wrapper.metatype || !this.reflector.get(MCP_CALLS_ONLY_METADATA, wrapper.metatype as object as Function));
    if (acting(config.getGlobalGuards()) || scoped(config.getGlobalRequestGuards())) return 'the app has global guards';
    if (acting(config.getGlobalInterceptors()) || scoped(config.getGlobalRequestInterceptors())) return 'the app has global interceptors';
    if (config.getVersioning()) return 'the app versions its routes';
    return undefined;
  }

  /** The endpoint's guards to run ahead of the route, if it has any; a reason when they cannot be. */
  private guardedRoutes(): McpGuardedRoutes | string | undefined {
    if ((this.options.guards ?? []).length === 0) return undefined;
    // Nest answers what the guards' middleware throws with the app's filters: those stay Express's to run.
    if (this.config.getGlobalFilters().length > 0) return 'the MCP endpoint has guards and the app has global exception filters';
    return this.endpointGuards?.routesOf(streamableHttpRouteOf) ?? 'the MCP endpoint has guards the front door cannot find';
  }

  private stackPlan(app: ExpressApp, stack: readonly ExpressLayer[], guardRoutes: number): FrontDoorPlan | string {
    const prefix = this.config.getGlobalPrefix().replace(/^\/+|\/+$/g, '');
    const paths = prefix ? [`/${prefix}${this.options.path}`, this.options.path] : [this.options.path];
    return planFrontDoor(stack, paths, {
      // Nest's ExpressAdapter installs it first; it does nothing while no hook is set (checked per request).
      isAdapterHook: (layer) => isAdapterHookLayer(app, layer),
      bodyErrorMiddleware: this.bodyErrors?.middleware,
      guardRoutes,
    });
  }

  private fail(res: ServerResponse, error: unknown): void {
    this.logger.error(`MCP request failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
    sendJsonRpcError(res, 500, -32603, INTERNAL_ERROR);
  }
}

function isPath(url: string, path: string): boolean {
  return url.startsWith(path) && (url.length === path.length || url.charCodeAt(path.length) === 63 /* ? */);
}

function runParsers(parsers: readonly ExpressMiddleware[], index: number, req: IncomingMessage, res: ServerResponse, done: (error?: unknown) => void): void {
  if (index === parsers.length) return done();
  parsers[index]!(req, res, (error) => (error ? done(error) : runParsers(parsers, index + 1, req, res, done)));
}
