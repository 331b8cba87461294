import type { EventId, EventStore, JSONRPCMessage, StreamId } from '@modelcontextprotocol/server';
import type { Redis } from 'ioredis';

export interface RedisEventBounds {
  maxLength: number;
  maxAgeMs: number;
}

/**
 * One session's SSE events in a Redis stream, so a client that lost its stream resumes with
 * `Last-Event-ID` on whichever instance it reaches (spec 2025-11-25 basic/transports,
 * "Resumability and Redelivery"). Bounded by length and age: the oldest entries are trimmed as
 * new ones arrive, and the key expires with the session. An event id is the stream entry's id
 * followed by the SDK's stream id (`1733270400000-0_<stream>`), so no lookup is needed to map one
 * back to its stream.
 */
export class RedisStreamEventStore implements EventStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly bounds: RedisEventBounds,
    private readonly ttlMs: number,
  ) {}

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const oldest = Date.now() - this.bounds.maxAgeMs;
    const results = await this.redis
      .multi()
      .xadd(this.key, 'MAXLEN', '~', this.bounds.maxLength, '*', 's', streamId, 'm', JSON.stringify(message))
      .xtrim(this.key, 'MINID', '~', oldest)
      .pexpire(this.key, Math.max(this.ttlMs, this.bounds.maxAgeMs))
      .exec();
    const [error, entryId] = results?.[0] ?? [new Error('no reply')];
    if (error) throw error;
    return `${entryId as string}_${streamId}`;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    return parseEventId(eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId: EventId, { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> }): Promise<StreamId> {
    const last = parseEventId(lastEventId);
    if (!last) return '';
    const entries = await this.redis.xrange(this.key, `(${last.entryId}`, '+');
    for (const [entryId, fields] of entries) {
      const streamId = fieldOf(fields, 's');
      const message = fieldOf(fields, 'm');
      if (streamId === last.streamId && message !== undefined) await send(`${entryId}_${streamId}`, JSON.parse(message) as JSONRPCMessage);
    }
    return last.streamId;
  }
}

/** `undefined` for an id this store did not make (a client may send anything as `Last-Event-ID`). */
function parseEventId(eventId: string): { entryId: string; streamId: string } | undefined {
  const match = /^(\d+-\d+)_(.+)$/s.exec(eventId);
  return match ? { entryId: match[1]!, streamId: match[2]! } : undefined;
}

function fieldOf(fields: string[], name: string): string | undefined {
  for (let i = 0; i < fields.length - 1; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
