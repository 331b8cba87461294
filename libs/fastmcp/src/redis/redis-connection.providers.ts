import { Logger, type Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { ResolvedRedisOptions } from './mcp-redis.module-definition.js';
import { MCP_REDIS_CLIENT, MCP_REDIS_OPTIONS, MCP_REDIS_SUBSCRIBER } from './redis.tokens.js';

const logger = new Logger('McpRedis');

/**
 * One connection. It reconnects on its own (ioredis's backoff), and commands fail fast while it
 * is down instead of queueing without bound: a caller gets a clear error, not a hung request.
 */
export function connectRedis(options: ResolvedRedisOptions, role: string): Redis {
  const client = new Redis(options.url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    ...options.connection,
    connectionName: options.connection?.connectionName ?? `nestjs-fastmcp:${role}`,
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error(`Redis ${role} connection failed: ${error.message}; retrying`);
  });
  client.on('ready', () => {
    if (down) logger.log(`Redis ${role} connection is back`);
    down = false;
  });
  return client;
}

export const redisConnectionProviders: Provider[] = [
  { provide: MCP_REDIS_CLIENT, useFactory: (options: ResolvedRedisOptions) => connectRedis(options, 'client'), inject: [MCP_REDIS_OPTIONS] },
  { provide: MCP_REDIS_SUBSCRIBER, useFactory: (options: ResolvedRedisOptions) => connectRedis(options, 'subscriber'), inject: [MCP_REDIS_OPTIONS] },
];
