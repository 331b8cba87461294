import type { EventStore } from '@modelcontextprotocol/server';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

/**
 * The SDK `EventStore` legacy Streamable HTTP sessions record their SSE events in, for
 * `Last-Event-ID` resumption. In-memory by default; pass a durable one as the `eventStore`
 * option (e.g. from `forRootAsync`) to resume across restarts and instances.
 *
 * @publicApi
 */
export const MCP_EVENT_STORE = Symbol('MCP_EVENT_STORE');

export const defaultEventStoreProvider = {
  provide: MCP_EVENT_STORE,
  useFactory: (options: ResolvedMcpOptions): EventStore => options.eventStore ?? new InMemoryEventStore(),
  inject: [MCP_OPTIONS],
};
