/** Passport strategy names registered by `McpJwtModule` and `McpApiKeyModule`. */
export const MCP_JWT_STRATEGY = 'mcp-jwt';
export const MCP_API_KEY_STRATEGY = 'mcp-api-key';
