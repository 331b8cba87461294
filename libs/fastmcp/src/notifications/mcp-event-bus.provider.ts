import { InMemoryServerEventBus, type ServerEventBus } from '@modelcontextprotocol/server';

/**
 * The change-event bus 2026-07-28 `subscriptions/listen` streams subscribe to. In-process by
 * default; provide your own `ServerEventBus` under this token (e.g. over Redis pub/sub) so a
 * change on one instance reaches listeners on all of them.
 */
export const MCP_EVENT_BUS = Symbol('MCP_EVENT_BUS');

export const defaultEventBusProvider = {
  provide: MCP_EVENT_BUS,
  useFactory: (): ServerEventBus => new InMemoryServerEventBus(),
};
