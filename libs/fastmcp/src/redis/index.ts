export { McpRedisModule } from './mcp-redis.module.js';
export type { McpRedisOptions } from './mcp-redis-options.interface.js';
export { MCP_REDIS_CLIENT } from './redis.tokens.js';
