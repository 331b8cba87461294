import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { InMemoryEventStore } from './in-memory-event-store.js';

const message = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: {} });

describe('InMemoryEventStore', () => {
  it('replays the events of the same stream after the given id, in order', async () => {
    const store = new InMemoryEventStore();
    const first = await store.storeEvent('a', message(1));
    await store.storeEvent('b', message(2));
    await store.storeEvent('a', message(3));
    await store.storeEvent('a', message(4));
    const replayed: unknown[] = [];
    const stream = await store.replayEventsAfter(first, { send: async (_id, m) => void replayed.push((m as { id: number }).id) });
    assert.equal(stream, 'a');
    assert.deepEqual(replayed, [3, 4]);
    assert.equal(await store.getStreamIdForEventId(first), 'a');
  });

  it('forgets the oldest events past its capacity', async () => {
    const store = new InMemoryEventStore(2);
    const first = await store.storeEvent('a', message(1));
    await store.storeEvent('a', message(2));
    await store.storeEvent('a', message(3));
    assert.equal(await store.getStreamIdForEventId(first), undefined);
  });
});
