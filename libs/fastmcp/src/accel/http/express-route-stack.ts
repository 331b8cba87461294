import { routeAnswers, type ExpressLayer, type ExpressMiddleware } from '../../internals/express-app.js';

export type { ExpressLayer, ExpressMiddleware } from '../../internals/express-app.js';

/** How the front door may serve the MCP POST route without Express running it. */
export interface FrontDoorPlan {
  /** The route's exact path, the global prefix included. */
  path: string;
  /** The route itself (what Express puts on `req.route`). */
  route: NonNullable<ExpressLayer['route']>;
  /** The app's own body parsers ahead of the route, in order and as configured. */
  parsers: ExpressMiddleware[];
}

export interface KnownLayers {
  /** Nest's adapter-wide layer that runs request / response hooks (a no-op when none are set). */
  isAdapterHook(layer: ExpressLayer): boolean;
  /** Our body-error middleware: it must be the first error handler a parser error reaches. */
  bodyErrorMiddleware: unknown;
  /**
   * How many `POST` routes at the MCP path precede the MCP route and are run by the front door
   * itself: Nest registers the endpoint guards' middleware (`guards` option) as such a route.
   */
  guardRoutes?: number;
}

const BODY_PARSERS = new Set(['jsonParser', 'urlencodedParser', 'rawParser', 'textParser']);

/**
 * Whether every layer Express would run for `POST <routePath>` before the MCP route is one the
 * front door reproduces exactly: body parsers (which it calls itself), Nest's hook layer, and
 * layers that do not match the path. Anything else (CORS, helmet, Nest middleware, a route
 * that answers the same path first, an error handler ahead of ours) keeps Express in charge:
 * the reason why is returned instead of a plan.
 */
export function planFrontDoor(stack: readonly ExpressLayer[], routePaths: readonly string[], known: KnownLayers): FrontDoorPlan | string {
  const parsers: ExpressMiddleware[] = [];
  let plan: FrontDoorPlan | undefined;
  let guardRoutes = known.guardRoutes ?? 0;
  for (const layer of stack) {
    const isErrorHandler = !layer.route && layer.handle.length === 4;
    if (isErrorHandler) {
      if (layer.handle !== known.bodyErrorMiddleware) return `the error handler "${layer.name}" precedes the MCP body-error handler`;
      if (plan) return plan;
      continue;
    }
    const route = layer.route;
    // One more route at the path than expected: which one is the MCP route is no longer certain.
    if (plan) {
      if (route && routeAnswers(route, 'post') && typeof route.path === 'string' && routePaths.includes(route.path)) return `more routes than expected answer POST ${route.path}`;
      continue;
    }
    if (route) {
      const posts = routeAnswers(route, 'post');
      const atPath = posts && typeof route.path === 'string' && routePaths.includes(route.path);
      if (atPath && guardRoutes > 0) guardRoutes--;
      else if (atPath) plan = { path: route.path as string, route, parsers };
      else if (posts && routePaths.some((path) => layer.match(path))) return `another route answers POST ${String(route.path)} first`;
      continue;
    }
    if (known.isAdapterHook(layer)) continue;
    if (BODY_PARSERS.has(layer.name ?? '')) {
      parsers.push(layer.handle as ExpressMiddleware);
      continue;
    }
    if (routePaths.some((path) => layer.match(path))) return `the middleware "${layer.name ?? 'anonymous'}" runs before the MCP route`;
  }
  return plan ? 'the MCP body-error handler is not installed' : 'no POST route at the MCP path';
}
