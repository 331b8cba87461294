import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { McpRedisOptions } from './mcp-redis-options.interface.js';

export const {
  ConfigurableModuleClass: McpRedisConfigurableModule,
  MODULE_OPTIONS_TOKEN: MCP_REDIS_MODULE_OPTIONS,
  OPTIONS_TYPE: MCP_REDIS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MCP_REDIS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<McpRedisOptions>()
  .setClassMethodName('forRoot')
  // Always global: the core's transports look the shared stores up from their own module.
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();

/** Options with every default applied: what the Redis providers read. */
export interface ResolvedRedisOptions {
  url: string;
  connection: McpRedisOptions['connection'];
  keyPrefix: string;
  instanceUrl: string | undefined;
  eventStore: false | { maxLength: number; maxAgeMs: number };
}

export function resolveRedisOptions(options: McpRedisOptions = {}): ResolvedRedisOptions {
  const events = options.eventStore;
  return {
    url: options.url ?? 'redis://127.0.0.1:6379',
    connection: options.connection,
    keyPrefix: options.keyPrefix ?? 'mcp:',
    instanceUrl: options.instanceUrl?.replace(/\/+$/, ''),
    eventStore: events === false ? false : { maxLength: events?.maxLength ?? 1_000, maxAgeMs: events?.maxAgeMs ?? 10 * 60_000 },
  };
}
