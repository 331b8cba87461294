// `nestjs-fastmcp/auth`: needs @nestjs/passport, passport and passport-strategy (McpJwtModule verifies with jsonwebtoken).
export { McpAuthModule } from './resource-server/mcp-auth.module.js';
export { McpAuthGuard } from './resource-server/mcp-auth.guard.js';
export { MCP_AUTH_OPTIONS, type ResolvedMcpAuthOptions } from './resource-server/mcp-auth.module-definition.js';
export type { McpAuthModuleOptions } from './resource-server/mcp-auth-options.interface.js';
export { McpJwtModule } from './jwt/mcp-jwt.module.js';
export { McpJwtStrategy } from './jwt/mcp-jwt.strategy.js';
export { jwksKeyProvider, type JwksKeyProviderOptions } from './jwt/jwks-key.provider.js';
export type { VerifiedTokenCacheOptions } from './jwt/verified-token.cache.js';
export { McpJwtVerifier, McpTokenExpiredError, type McpJwtVerification } from './jwt/mcp-jwt.verifier.js';
export { JwksKeySet } from './jwt/jwks-key-set.js';
export type { McpJwtModuleOptions } from './jwt/mcp-jwt-options.interface.js';
export { McpApiKeyModule } from './api-key/mcp-api-key.module.js';
export { McpApiKeyStrategy } from './api-key/mcp-api-key.strategy.js';
export { HeaderApiKeyStrategy } from './api-key/header-api-key.strategy.js';
export { hashMcpApiKey } from './api-key/api-key.hash.js';
export type { McpApiKeyModuleOptions, McpApiKeyRecord } from './api-key/mcp-api-key-options.interface.js';
export { MCP_API_KEY_STRATEGY, MCP_JWT_STRATEGY } from './mcp-auth.constants.js';
