import type { McpCatalogKind, McpHandlerRef } from '../common/mcp-catalog.types.js';

/**
 * What an access decision is about: one tool, resource, resource template or prompt.
 *
 * @publicApi
 */
export interface McpAccessTarget {
  readonly kind: McpCatalogKind;
  /** Tool / prompt / template name, or a fixed resource's URI. */
  readonly key: string;
  /** Where the handler lives, e.g. `PayrollService.run`. */
  readonly source: string;
  /** The provider class and method, to read metadata from; absent for runtime-registered items. */
  readonly handler?: McpHandlerRef;
}

/**
 * Decides whether a principal may use a tool, resource or prompt. Items it refuses are left out
 * of `* /list` results and answered as unknown when called, read or fetched, so their names do
 * not leak. Consulted on every list and call: keep it cheap, or cache. Replace the default
 * (`McpDeclarativeAccessPolicy`) with `McpModule.forRoot({ accessPolicy })`.
 *
 * @publicApi
 */
export abstract class McpAccessPolicy {
  /** `user` is the request's `req.user`: `undefined` for anonymous callers and over stdio. */
  abstract canAccess(target: McpAccessTarget, user: unknown): boolean | Promise<boolean>;
}
