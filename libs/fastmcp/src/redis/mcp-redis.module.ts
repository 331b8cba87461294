import { Module, type DynamicModule } from '@nestjs/common';
import {
  MCP_REDIS_ASYNC_OPTIONS_TYPE,
  MCP_REDIS_MODULE_OPTIONS,
  MCP_REDIS_OPTIONS_TYPE,
  McpRedisConfigurableModule,
  resolveRedisOptions,
} from './mcp-redis.module-definition.js';
import { RedisConnectionCloser } from './redis-connection.closer.js';
import { redisConnectionProviders } from './redis-connection.providers.js';
import { MCP_REDIS_CLIENT, MCP_REDIS_OPTIONS, MCP_REDIS_SUBSCRIBER } from './redis.tokens.js';

/**
 * Redis as the one shared engine of several instances serving one endpoint: sessions, stream
 * events, notifications, tasks, rate limits and catalog changes cross instances through it.
 * Import it next to `McpModule`:
 *
 * ```ts
 * McpRedisModule.forRoot({ url: process.env.REDIS_URL })
 * ```
 */
@Module({
  providers: [
    { provide: MCP_REDIS_OPTIONS, useFactory: resolveRedisOptions, inject: [MCP_REDIS_MODULE_OPTIONS] },
    ...redisConnectionProviders,
    RedisConnectionCloser,
  ],
  exports: [MCP_REDIS_OPTIONS, MCP_REDIS_CLIENT, MCP_REDIS_SUBSCRIBER],
})
/** @publicApi */
export class McpRedisModule extends McpRedisConfigurableModule {
  static override forRoot(options: typeof MCP_REDIS_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }

  static override forRootAsync(options: typeof MCP_REDIS_ASYNC_OPTIONS_TYPE): DynamicModule {
    return super.forRootAsync(options);
  }
}
