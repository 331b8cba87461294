import { Module, type DynamicModule } from '@nestjs/common';
import { MCP_SHARED_TASK_STORE } from '../interfaces/mcp-task-store.interface.js';
import { MCP_SHARED_EVENT_BUS } from '../notifications/mcp-event-bus.provider.js';
import { MCP_SESSION_ROUTER } from '../sessions/mcp-session-router.js';
import { MCP_SHARED_SESSION_STORE } from '../sessions/mcp-session-store.js';
import { RedisCatalogSync } from './catalog/redis-catalog.sync.js';
import { RedisServerEventBus } from './events/redis-server-event.bus.js';
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
import { McpInstanceAddress } from './sessions/mcp-instance-address.js';
import { RedisSessionRouter } from './sessions/redis-session.router.js';
import { RedisSessionStore } from './sessions/redis-session.store.js';
import { RedisTaskStore } from './tasks/redis-task.store.js';
import { McpRedisThrottlerStorage } from './throttler/mcp-redis-throttler.storage.js';

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
    McpInstanceAddress,
    RedisSessionStore,
    { provide: MCP_SHARED_SESSION_STORE, useExisting: RedisSessionStore },
    RedisSessionRouter,
    { provide: MCP_SESSION_ROUTER, useExisting: RedisSessionRouter },
    RedisServerEventBus,
    { provide: MCP_SHARED_EVENT_BUS, useExisting: RedisServerEventBus },
    RedisTaskStore,
    { provide: MCP_SHARED_TASK_STORE, useExisting: RedisTaskStore },
    RedisCatalogSync,
    McpRedisThrottlerStorage,
  ],
  exports: [MCP_REDIS_OPTIONS, MCP_REDIS_CLIENT, MCP_REDIS_SUBSCRIBER, MCP_SHARED_SESSION_STORE, MCP_SESSION_ROUTER, MCP_SHARED_EVENT_BUS, MCP_SHARED_TASK_STORE, McpRedisThrottlerStorage],
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
