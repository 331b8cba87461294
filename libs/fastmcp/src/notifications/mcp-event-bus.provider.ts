import { InMemoryServerEventBus, type ServerEventBus } from '@modelcontextprotocol/server';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';

/**
 * The change-event bus 2026-07-28 `subscriptions/listen` streams subscribe to. In-process by
 * default; pass your own `ServerEventBus` as the `eventBus` option (e.g. over Redis pub/sub)
 * so a change on one instance reaches listeners on all of them.
 *
 * @publicApi
 */
export const MCP_EVENT_BUS = Symbol('MCP_EVENT_BUS');

/**
 * Injection token of a bus every instance shares (the Redis module provides one); the `eventBus`
 * option still wins over it.
 *
 * @publicApi
 */
export const MCP_SHARED_EVENT_BUS = Symbol.for('nestjs-fastmcp:shared-event-bus');

export const defaultEventBusProvider = {
  provide: MCP_EVENT_BUS,
  useFactory: (options: ResolvedMcpOptions, shared?: ServerEventBus): ServerEventBus => options.eventBus ?? shared ?? new InMemoryServerEventBus(),
  inject: [MCP_OPTIONS, { token: MCP_SHARED_EVENT_BUS, optional: true }],
};
