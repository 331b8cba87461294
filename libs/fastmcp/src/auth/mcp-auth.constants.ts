export const MCP_ROLES_METADATA = 'nestjs-fastmcp:roles';
export const MCP_SCOPES_METADATA = 'nestjs-fastmcp:scopes';
/** Marks a route that MCP's auth guards let through, e.g. the RFC 9728 metadata document. */
export const MCP_PUBLIC_METADATA = 'nestjs-fastmcp:public';

/** Passport strategy names registered by `McpJwtModule` and `McpApiKeyModule`. */
export const MCP_JWT_STRATEGY = 'mcp-jwt';
export const MCP_API_KEY_STRATEGY = 'mcp-api-key';

export const DEFAULT_MAX_JSON_DEPTH = 64;
