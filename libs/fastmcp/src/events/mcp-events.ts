import { Injectable, Logger } from '@nestjs/common';
import type { McpEventMap, McpEventName } from './mcp-event-map.js';

type Listener<K extends McpEventName> = (payload: McpEventMap[K]) => void;

/**
 * Typed, injectable events about what the server does (sessions, tool calls, logs), for apps
 * and for the persistence layer to react to. Listeners run synchronously and must be cheap; a
 * throwing listener is logged and never breaks the call that emitted.
 *
 * @publicApi
 */
@Injectable()
export class McpEvents {
  private readonly logger = new Logger('McpEvents');
  private readonly listeners = new Map<McpEventName, Set<Listener<never>>>();

  on<K extends McpEventName>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Whether anyone listens: lets emitters skip building payloads nobody reads. */
  has(event: McpEventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<K extends McpEventName>(event: K, payload: McpEventMap[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as Listener<K>)(payload);
      } catch (error) {
        this.logger.error(`A "${event}" listener threw: ${(error as Error).message}`, (error as Error).stack);
      }
    }
  }
}
