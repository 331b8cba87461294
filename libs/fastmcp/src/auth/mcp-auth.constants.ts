export const MCP_ROLES_METADATA = 'nestjs-fastmcp:roles';
export const MCP_SCOPES_METADATA = 'nestjs-fastmcp:scopes';

/** Passport strategy names registered by `McpJwtModule` and `McpApiKeyModule`. */
export const MCP_JWT_STRATEGY = 'mcp-jwt';
export const MCP_API_KEY_STRATEGY = 'mcp-api-key';

export const DEFAULT_MAX_JSON_DEPTH = 64;
