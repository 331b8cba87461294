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
  /**
   * The base URL other instances reach this one at (`http://10.0.0.5:3000`), where requests for
   * the sessions it serves are forwarded. Default: the address the HTTP server listens on (a
   * wildcard address is replaced by this machine's first external IPv4 address).
   */
  instanceUrl?: string;
  /**
   * Bounds of each session's stream of SSE events kept for `Last-Event-ID` resumption. Default
   * 1,000 events, kept for 10 minutes past the last one. `false`: events are kept in memory,
   * per instance.
   */
  eventStore?: false | { maxLength?: number; maxAgeMs?: number };
}
