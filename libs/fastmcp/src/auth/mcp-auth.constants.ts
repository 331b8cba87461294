/**
 * Passport strategy names registered by `McpJwtModule` and `McpApiKeyModule`.
 *
 * @publicApi
 */
export const MCP_JWT_STRATEGY = 'mcp-jwt';
/** @publicApi */
export const MCP_API_KEY_STRATEGY = 'mcp-api-key';
