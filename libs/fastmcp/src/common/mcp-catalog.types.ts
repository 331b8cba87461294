/**
 * The kinds of items the catalog holds.
 *
 * @publicApi
 */
export type McpCatalogKind = 'tool' | 'resource' | 'resourceTemplate' | 'prompt';

/**
 * The provider class and method behind a decorated handler: where per-item metadata (roles, scopes) is read.
 *
 * @publicApi
 */
export interface McpHandlerRef {
  readonly class: Function;
  readonly method: Function;
}
