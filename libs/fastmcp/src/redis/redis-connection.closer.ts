import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { MCP_REDIS_CLIENT, MCP_REDIS_SUBSCRIBER } from './redis.tokens.js';
import { RedisSessionRouter } from './sessions/redis-session.router.js';
import { RedisSessionStore } from './sessions/redis-session.store.js';

/**
 * Closes both connections last, after every provider that uses them has shut down, and after
 * the sessions closed at shutdown were released (so other instances take them over at once) and
 * their idle clocks written.
 */
@Injectable()
export class RedisConnectionCloser implements OnApplicationShutdown {
  constructor(
    @Inject(MCP_REDIS_CLIENT) private readonly client: Redis,
    @Inject(MCP_REDIS_SUBSCRIBER) private readonly subscriber: Redis,
    private readonly router: RedisSessionRouter,
    private readonly store: RedisSessionStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.router.settled();
    await this.store.flush();
    await Promise.all([this.client, this.subscriber].map((connection) => connection.quit().catch(() => connection.disconnect())));
  }
}
