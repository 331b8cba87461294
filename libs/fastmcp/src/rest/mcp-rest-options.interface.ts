/**
 * Options of `McpRestModule.forRoot()`.
 *
 * @publicApi
 */
export interface McpRestOptions {
  /** Path prefix of every route (after the app's global prefix). Default `api`. */
  prefix?: string;
  /** The OpenAPI document's `info`: title (default: the server's title or name) and description (default: its instructions). */
  openApi?: { title?: string; description?: string };
  /** Swagger UI at `<prefix>/docs`. Default `true`. */
  docs?: boolean;
}
