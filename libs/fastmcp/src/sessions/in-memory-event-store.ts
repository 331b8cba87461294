import type { EventId, EventStore, JSONRPCMessage, StreamId } from '@modelcontextprotocol/server';

interface StoredEvent {
  readonly id: EventId;
  readonly streamId: StreamId;
  readonly message: JSONRPCMessage;
}

/**
 * Keeps the last `capacity` SSE events of legacy sessions so a client that lost its stream can
 * resume with `Last-Event-ID` (spec 2025-11-25 basic/transports, "Resumability and
 * Redelivery"). Process-local and bounded: the oldest events fall off first.
 *
 * @publicApi
 */
export class InMemoryEventStore implements EventStore {
  private readonly events = new Map<EventId, StoredEvent>();
  private sequence = 0;

  constructor(private readonly capacity = 10_000) {}

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const id = `${streamId}_${(++this.sequence).toString(36).padStart(8, '0')}`;
    this.events.set(id, { id, streamId, message });
    if (this.events.size > this.capacity) this.events.delete(this.events.keys().next().value!);
    return id;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    return this.events.get(eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId: EventId, { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> }): Promise<StreamId> {
    const last = this.events.get(lastEventId);
    if (!last) return '';
    let after = false;
    for (const event of this.events.values()) {
      if (event.id === lastEventId) after = true;
      else if (after && event.streamId === last.streamId) await send(event.id, event.message);
    }
    return last.streamId;
  }
}
