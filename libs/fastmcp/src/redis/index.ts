export { McpRedisModule } from './mcp-redis.module.js';
export type { McpRedisOptions } from './mcp-redis-options.interface.js';
export { MCP_REDIS_CLIENT } from './redis.tokens.js';
export { RedisServerEventBus } from './events/redis-server-event.bus.js';
export { RedisSessionStore } from './sessions/redis-session.store.js';
export { RedisStreamEventStore } from './sessions/redis-stream-event.store.js';
export { RedisTaskStore } from './tasks/redis-task.store.js';
export { McpRedisThrottlerStorage, type McpThrottlerRecord } from './throttler/mcp-redis-throttler.storage.js';
