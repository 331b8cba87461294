/** The resolved `McpRedisOptions` (defaults applied). */
export const MCP_REDIS_OPTIONS = Symbol.for('nestjs-fastmcp:redis-options');

/**
 * The `ioredis` client for commands (keys, streams, publish). Inject it to share the connection.
 *
 * @publicApi
 */
export const MCP_REDIS_CLIENT = Symbol.for('nestjs-fastmcp:redis-client');

/** The `ioredis` connection in subscriber mode (a subscribed connection can run no other command). */
export const MCP_REDIS_SUBSCRIBER = Symbol.for('nestjs-fastmcp:redis-subscriber');
