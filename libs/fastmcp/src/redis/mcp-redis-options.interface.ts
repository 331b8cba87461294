import type { RedisOptions } from 'ioredis';

/**
 * Options of `McpRedisModule.forRoot()`.
 *
 * @publicApi
 */
export interface McpRedisOptions {
  /** `redis://` or `rediss://` URL of the shared Redis. Default `redis://127.0.0.1:6379`. */
  url?: string;
  /** Extra `ioredis` connection options, merged over those read from `url`. */
  connection?: RedisOptions;
  /**
   * Prefix of every key and channel this library writes, so several MCP servers (or other apps)
   * can share one Redis. Default `mcp:`.
   */
  keyPrefix?: string;
}
