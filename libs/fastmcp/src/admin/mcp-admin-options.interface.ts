import type { CanActivate, Type } from '@nestjs/common';

/**
 * Options of `McpAdminModule`.
 *
 * @publicApi
 */
export interface McpAdminModuleOptions {
  /** Where the page is served; its JSON API lives under `${path}/api`. Default `/admin`. */
  path?: string;
  /**
   * Guards run on every admin route (the page, its assets and the API), in order, as route
   * guards: `context.getType() === 'http'`. At least one is required: the page can disable
   * tools for every client. A class is taken from the app's providers when one provides it,
   * else created once with the admin module's injector.
   */
  guards: Array<Type<CanActivate> | CanActivate>;
  /** How many tool calls the in-memory log keeps when no audit table is available. Default 500. */
  recentCalls?: number;
  /** How often the page refreshes its panels. Default 2000 ms. */
  refreshIntervalMs?: number;
  /**
   * The key that signs CSRF tokens. Default: random per process, so a restart asks open pages to
   * reload. Set the same value on every instance behind a load balancer.
   */
  csrfSecret?: string;
  /**
   * Origins besides the request's own (`http(s)://` + `Host`) a state-changing call may come
   * from: the public origin when a proxy rewrites `Host`, e.g. `https://ops.example.com`.
   */
  allowedOrigins?: string[];
}
