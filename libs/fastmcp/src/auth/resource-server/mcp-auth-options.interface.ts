/**
 * `McpAuthModule.forRoot()`: this server as an OAuth 2.1 resource server (MCP spec 2025-11-25, "Authorization").
 *
 * @publicApi
 */
export interface McpAuthModuleOptions {
  /**
   * This server's resource identifier (RFC 8707): its public MCP URL, e.g.
   * `https://notes.example.com/mcp`. Published as `resource` in the RFC 9728 document and, by
   * default, the audience a JWT must carry: tokens minted for other services are refused.
   */
  resource: string;
  /** Issuer URLs of the authorization servers clients obtain tokens from (RFC 9728 `authorization_servers`). */
  authorizationServers: [string, ...string[]];
  /** Published as `scopes_supported`, and the `scope` of a 401 challenge when nothing narrower applies. */
  scopesSupported?: string[];
  /** Scopes every MCP request needs; a token without them gets `403 insufficient_scope`. */
  requiredScopes?: string[];
  /** Published as `resource_name`. */
  resourceName?: string;
  /** Published as `resource_documentation`. */
  resourceDocumentation?: string;
  /**
   * Passport strategies `McpAuthGuard` tries, in order, until one accepts. Default
   * `['mcp-jwt']` (`McpJwtModule`); add `'mcp-api-key'` (`McpApiKeyModule`) or an app's own.
   */
  strategies?: string[];
  /** Accept plain-http issuers other than localhost. Local testing only. */
  dangerouslyAllowInsecureIssuerUrl?: boolean;
}
