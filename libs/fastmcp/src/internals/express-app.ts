/**
 * The Express internals this library uses, in one place: an Express 5 app's router stack and
 * request/response prototypes, and the request hooks of Nest's `ExpressAdapter`. A probe
 * (`expressAppSupport`) exercises them on the running app at bootstrap.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { AbstractHttpAdapter } from '@nestjs/core';

export type ExpressNext = (error?: unknown) => void;
export type ExpressMiddleware = (req: IncomingMessage, res: ServerResponse, next: ExpressNext) => void;

/** A layer of Express 5's router stack, as far as the front door reads it. */
export interface ExpressLayer {
  name?: string;
  /** A middleware, a route's dispatcher, or an error handler (four parameters). */
  handle: ExpressMiddleware | ((error: unknown, req: IncomingMessage, res: ServerResponse, next: ExpressNext) => void);
  route?: { path?: unknown; methods?: Record<string, boolean | undefined> };
  match(path: string): boolean;
}

/** The parts of an Express 5 app the front door uses. */
export interface ExpressApp {
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

/** The Express app behind a Nest HTTP adapter; `undefined` on another platform. */
export function expressAppOf(adapter: AbstractHttpAdapter | undefined): ExpressApp | undefined {
  return adapter?.getType() === 'express' ? adapter.getInstance<ExpressApp>() : undefined;
}

/** Whether a route answers `method` (lower case), itself or as an `all()` route. */
export function routeAnswers(route: NonNullable<ExpressLayer['route']>, method: string): boolean {
  return route.methods?.[method] === true || route.methods?._all === true;
}

/** Whether the app set request or response hooks on Nest's adapter (`setOnRequestHook`): Express must run them. */
export function adapterHooksSet(adapter: AbstractHttpAdapter): boolean {
  const hooks = adapter as unknown as ExpressAdapterHooks;
  return hooks.onRequestHook !== undefined || hooks.onResponseHook !== undefined;
}

/** Nest's adapter-wide layer that runs request / response hooks: the first of the stack, a no-op while none are set. */
export function isAdapterHookLayer(app: ExpressApp, layer: ExpressLayer): boolean {
  return layer === app.router.stack[0] && layer.handle.toString().includes('onRequestHook');
}

/** What Express's `app.handle` and router do to a request before the route `route` sees it. */
export function initAsExpress(app: ExpressApp, route: unknown, req: IncomingMessage, res: ServerResponse): void {
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
  expressReq.route = route;
}

/**
 * Whether the app is the Express 5 these functions assume: a router stack of layers that match
 * paths, Nest's hook layer where expected, and a request made an Express one by `initAsExpress`
 * that answers `req.get()` and has `res.status()` and `res.json()`.
 */
export function expressAppSupport(app: ExpressApp): boolean {
  try {
    const stack = app.router?.stack;
    if (!Array.isArray(stack) || typeof app.enabled !== 'function') return false;
    if (!stack.every((layer) => typeof layer.handle === 'function' && typeof layer.match === 'function')) return false;
    if (stack.length > 0 && !isAdapterHookLayer(app, stack[0]!) && stack[0]!.handle.toString().includes('onRequestHook')) return false;
    const req = new IncomingMessage(new Socket());
    req.headers = { host: 'probe.invalid', 'x-probe': '1' };
    req.url = '/probe';
    const res = new ServerResponse(req);
    initAsExpress(app, { path: '/probe' }, req, res);
    const expressReq = req as IncomingMessage & { get?(name: string): string | undefined; originalUrl?: string };
    const expressRes = res as ServerResponse & { status?: unknown; json?: unknown };
    return expressReq.get?.('X-Probe') === '1' && expressReq.originalUrl === '/probe' && typeof expressRes.status === 'function' && typeof expressRes.json === 'function';
  } catch {
    return false;
  }
}
