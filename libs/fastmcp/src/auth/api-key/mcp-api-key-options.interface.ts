/**
 * One accepted API key, as stored: never the key itself.
 *
 * @publicApi
 */
export interface McpApiKeyRecord {
  /** Names the key's principal: `req.user.sub` is `apikey:<id>`. */
  id: string;
  /** `hashMcpApiKey(key)`: SHA-256, hex. */
  hash: string;
  roles?: string[];
  scopes?: string[];
}

/**
 * `McpApiKeyModule.forRoot()`.
 *
 * @publicApi
 */
export interface McpApiKeyModuleOptions {
  keys: McpApiKeyRecord[];
  /** Header carrying the key besides `Authorization: Bearer <key>`. Default `x-api-key`. */
  header?: string;
}
