import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { MCP_REDIS_CLIENT, MCP_REDIS_SUBSCRIBER } from './redis.tokens.js';

/** Closes both connections last, after every provider that uses them has shut down. */
@Injectable()
export class RedisConnectionCloser implements OnApplicationShutdown {
  constructor(
    @Inject(MCP_REDIS_CLIENT) private readonly client: Redis,
    @Inject(MCP_REDIS_SUBSCRIBER) private readonly subscriber: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client, this.subscriber].map((connection) => connection.quit().catch(() => connection.disconnect())));
  }
}
