import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, Reflector } from '@nestjs/core';
import { MCP_CALLS_ONLY_METADATA } from '../../common/mcp.constants.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { deferRequestInit } from '../../common/deferred-request-init.js';
import { planFrontDoor, type ExpressLayer, type ExpressMiddleware, type FrontDoorPlan } from './express-route-stack.js';
import { fastPathEnabled } from '../fast-path.js';
import { sendJsonRpcError } from '../../common/json-http-response.js';
import { McpBodyErrorHandler } from '../../http/mcp-body-error.handler.js';
import { McpHttpEndpoint } from '../../http/mcp-http.endpoint.js';
import { NestBodyParsers, type NestParsers, type ParsedBody } from './nest-body-parsers.js';

/** The front door's plan, and how Nest made its parsers if they are all Nest's own (see `NestBodyParsers`). */
type DoorPlan = FrontDoorPlan & { nestParsers?: NestParsers };

/** One record of Nest's own body parsers for the process: every app's adapter registers through the same class. */
const nestBodyParsers = new NestBodyParsers();

/** The parts of an Express 5 app the front door uses. */
interface ExpressApp {
  (req: IncomingMessage, res: ServerResponse): void;
  router: { stack: ExpressLayer[] };
  request: object;
  response: object;
  enabled(setting: string): boolean;
}

interface ExpressAdapterHooks {
  onRequestHook?: unknown;
  onResponseHook?: unknown;
}

/**
 * Serves `POST` on the MCP endpoint straight from the Node server, ahead of Express, when
 * nothing Express would run for it first does anything the front door does not reproduce
 * (`planFrontDoor`): no global guards or interceptors, no middleware on the path, no route
 * guards. Express's own per-request cost (its router, and turning the request and response
 * into Express objects) is more than half of what a whole `tools/call` costs us; the request becomes an
 * Express one only if app code asks for it (`completeExpressInit`). Every other request, and
 * every app the plan refuses, goes to Express as before. Off with `fastPath: false`.
 */
@Injectable()
export class ExpressFrontDoor implements OnApplicationBootstrap {
  private readonly logger = new Logger('McpHttp');
  private plan: DoorPlan | undefined;
  private plannedForLayers = -1;
  private poweredBy = false;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
    private readonly reflector: Reflector,
    private readonly endpoint: McpHttpEndpoint,
    private readonly bodyErrors: McpBodyErrorHandler,
  ) {
    // Before `app.init()` registers them: the front door may read a plain JSON body itself when only they would have.
    const adapterClass = fastPathEnabled(options) ? expressAdapterClass() : undefined;
    if (adapterClass) nestBodyParsers.watch(adapterClass.prototype);
  }

  onApplicationBootstrap(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!fastPathEnabled(this.options) || !this.options.transports.has('streamable-http') || adapter?.getType() !== 'express') return;
    const server = adapter.getHttpServer() as Server | undefined;
    const app = adapter.getInstance<ExpressApp>();
    const listeners = server?.listeners('request');
    if (!server || listeners?.length !== 1 || listeners[0] !== app) return;
    const hooks = adapter as unknown as ExpressAdapterHooks;
    server.removeListener('request', app);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const plan = req.method === 'POST' && hooks.onRequestHook === undefined && hooks.onResponseHook === undefined ? this.planFor(app) : undefined;
      if (plan && isPath(req.url!, plan.path)) this.serve(req, res, app, plan);
      else app(req, res);
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse, app: ExpressApp, plan: DoorPlan): void {
    if (this.poweredBy) res.setHeader('X-Powered-By', 'Express');
    deferRequestInit(req, () => initAsExpress(app, plan, req, res));
    const parsed = (error?: unknown) => {
      if (error) {
        if (!this.bodyErrors.answer(error as { type?: string }, `POST ${plan.path}`, res)) this.fail(res, error);
        return;
      }
      this.endpoint.post(req, res).catch((failure: unknown) => this.fail(res, failure));
    };
    if (plan.nestParsers && nestBodyParsers.readsPlainJson(req)) {
      const { rawBody } = plan.nestParsers;
      nestBodyParsers.read(req, (body) => body && this.parsedByUs(body, rawBody, plan, req, res, parsed));
      return;
    }
    // Express catches what a layer throws; so must we, or it would escape the server's 'request' event.
    try {
      runParsers(plan.parsers, 0, req, res, parsed);
    } catch (error) {
      parsed(error);
    }
  }

  /** A body read for Nest's parsers: kept as they would keep it, or handed to them to answer. */
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

  /** The plan, made again whenever the app's Express stack has changed (as `app.use()` after start would). */
  private planFor(app: ExpressApp): DoorPlan | undefined {
    const stack = app.router.stack;
    if (stack.length === this.plannedForLayers) return this.plan;
    this.plannedForLayers = stack.length;
    this.poweredBy = app.enabled('x-powered-by');
    const refusal = this.globalEnhancers() ?? this.stackPlan(stack);
    this.plan = typeof refusal === 'string' ? undefined : { ...refusal, nestParsers: nestBodyParsers.madeByNest(refusal.parsers) };
    this.logger.debug(this.plan ? `POST ${this.plan.path} is served ahead of Express` : `POST on the MCP path goes through Express: ${refusal as string}`);
    return this.plan;
  }

  /** Global guards and interceptors run on the MCP routes too, unless marked `@McpCallsOnly()`. */
  private globalEnhancers(): string | undefined {
    const config = this.config;
    const acting = (enhancers: readonly object[]) => enhancers.some((enhancer) => !this.reflector.get(MCP_CALLS_ONLY_METADATA, enhancer.constructor));
    const scoped = (wrappers: ReadonlyArray<{ metatype?: unknown }>) => wrappers.some((wrapper) => !wrapper.metatype || !this.reflector.get(MCP_CALLS_ONLY_METADATA, wrapper.metatype as object as Function));
    if (acting(config.getGlobalGuards()) || scoped(config.getGlobalRequestGuards())) return 'the app has global guards';
    if (acting(config.getGlobalInterceptors()) || scoped(config.getGlobalRequestInterceptors())) return 'the app has global interceptors';
    if (config.getVersioning()) return 'the app versions its routes';
    if ((this.options.guards ?? []).length > 0) return 'the MCP routes have guards';
    return undefined;
  }

  private stackPlan(stack: readonly ExpressLayer[]): FrontDoorPlan | string {
    const prefix = this.config.getGlobalPrefix().replace(/^\/+|\/+$/g, '');
    const paths = prefix ? [`/${prefix}${this.options.path}`, this.options.path] : [this.options.path];
    return planFrontDoor(stack, paths, {
      // Nest's ExpressAdapter installs it first; it does nothing while no hook is set (checked per request).
      isAdapterHook: (layer) => layer === stack[0] && layer.handle.toString().includes('onRequestHook'),
      bodyErrorMiddleware: this.bodyErrors.middleware,
    });
  }

  private fail(res: ServerResponse, error: unknown): void {
    this.logger.error(`MCP request failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
    sendJsonRpcError(res, 500, -32603, 'Internal error');
  }
}

/**
 * Nest's `ExpressAdapter`, when the app has `@nestjs/platform-express` (an app on another
 * platform need not): required, not imported, so this module loads without it.
 */
function expressAdapterClass(): { prototype: Parameters<NestBodyParsers['watch']>[0] } | undefined {
  try {
    return (createRequire(import.meta.url)('@nestjs/platform-express') as { ExpressAdapter?: { prototype: Parameters<NestBodyParsers['watch']>[0] } }).ExpressAdapter;
  } catch {
    return undefined;
  }
}

function isPath(url: string, path: string): boolean {
  return url.startsWith(path) && (url.length === path.length || url.charCodeAt(path.length) === 63 /* ? */);
}

function runParsers(parsers: readonly ExpressMiddleware[], index: number, req: IncomingMessage, res: ServerResponse, done: (error?: unknown) => void): void {
  if (index === parsers.length) return done();
  parsers[index]!(req, res, (error) => (error ? done(error) : runParsers(parsers, index + 1, req, res, done)));
}

/** What Express's `app.handle` and router do to a request before the route sees it. */
function initAsExpress(app: ExpressApp, plan: FrontDoorPlan, req: IncomingMessage, res: ServerResponse): void {
  const expressReq = req as IncomingMessage & Record<string, unknown>;
  const expressRes = res as unknown as Record<string, unknown>;
  expressReq.res = res;
  expressRes.req = req;
  Object.setPrototypeOf(req, app.request);
  Object.setPrototypeOf(res, app.response);
  expressRes.locals ??= Object.create(null);
  expressReq.originalUrl ??= req.url;
  expressReq.baseUrl = '';
  expressReq.params = {};
  expressReq.route = plan.route;
}
