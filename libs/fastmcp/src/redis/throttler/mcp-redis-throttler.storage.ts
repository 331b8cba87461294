import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ResolvedRedisOptions } from '../mcp-redis.module-definition.js';
import { MCP_REDIS_CLIENT, MCP_REDIS_OPTIONS } from '../redis.tokens.js';

/** What `@nestjs/throttler`'s guard reads back from its storage (`ThrottlerStorageRecord`). */
export interface McpThrottlerRecord {
  totalHits: number;
  /** Seconds until the window ends. */
  timeToExpire: number;
  isBlocked: boolean;
  /** Seconds until the block ends (the guard's `Retry-After`). */
  timeToBlockExpire: number;
}

/**
 * One atomic step of a fixed window: count the hit unless the key is blocked, start the window
 * on the first hit, and block for `blockDuration` once past the limit. Atomic, so instances
 * counting the same key at once never lose a hit.
 */
const INCREMENT = `
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockTtl}
end
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  local block = math.max(tonumber(ARGV[3]), 1)
  redis.call('SET', KEYS[2], '1', 'PX', block)
  return {hits, ttl, 1, block}
end
return {hits, ttl, 0, 0}
`;

/**
 * `@nestjs/throttler` storage in Redis: every instance counts the same hits, so a limit holds
 * for a client however the load balancer spreads its requests.
 *
 * ```ts
 * ThrottlerModule.forRootAsync({
 *   inject: [McpRedisThrottlerStorage],
 *   useFactory: (storage: McpRedisThrottlerStorage) => ({ throttlers: [{ ttl: 60_000, limit: 100 }], storage }),
 * })
 * ```
 *
 * @publicApi
 */
@Injectable()
export class McpRedisThrottlerStorage {
  private readonly prefix: string;

  constructor(
    @Inject(MCP_REDIS_CLIENT) private readonly redis: Redis,
    @Inject(MCP_REDIS_OPTIONS) options: ResolvedRedisOptions,
  ) {
    this.prefix = `${options.keyPrefix}throttle:`;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<McpThrottlerRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    const [totalHits, expiresInMs, blocked, blockedForMs] = (await this.redis.eval(INCREMENT, 2, `${base}:hits`, `${base}:blocked`, ttl, limit, blockDuration)) as number[];
    return {
      totalHits: totalHits!,
      timeToExpire: Math.ceil(expiresInMs! / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockedForMs! / 1000),
    };
  }
}
