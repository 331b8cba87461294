import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { resolveRedisOptions } from '../mcp-redis.module-definition.js';
import { McpRedisThrottlerStorage } from './mcp-redis-throttler.storage.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('McpRedisThrottlerStorage', () => {
  const options = resolveRedisOptions({ url: REDIS_URL, keyPrefix: `test-${randomUUID()}:` });
  // Two connections, as two instances would have.
  const connections = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
  const [first, second] = connections.map((connection) => new McpRedisThrottlerStorage(connection, options));
  after(() => Promise.all(connections.map((connection) => connection.quit())));

  it('counts the hits of one key on every instance together', async () => {
    const key = randomUUID();
    const hits = [];
    for (const storage of [first, second, first]) hits.push((await storage!.increment(key, 60_000, 5, 60_000, 'default')).totalHits);
    assert.deepEqual(hits, [1, 2, 3]);
  });

  it('blocks a key past its limit on every instance, with the time left', async () => {
    const key = randomUUID();
    for (let i = 0; i < 2; i++) assert.equal((await first!.increment(key, 60_000, 2, 5_000, 'default')).isBlocked, false);
    const over = await second!.increment(key, 60_000, 2, 5_000, 'default');
    assert.equal(over.isBlocked, true);
    assert.equal(over.timeToBlockExpire, 5);
    const still = await first!.increment(key, 60_000, 2, 5_000, 'default');
    assert.equal(still.isBlocked, true);
    assert.ok(still.timeToBlockExpire >= 1 && still.timeToBlockExpire <= 5);
  });

  it('starts a new window once the old one has expired', async () => {
    const key = randomUUID();
    await first!.increment(key, 200, 1, 200, 'default');
    assert.equal((await second!.increment(key, 200, 1, 200, 'default')).isBlocked, true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const fresh = await first!.increment(key, 200, 1, 200, 'default');
    assert.equal(fresh.isBlocked, false);
    assert.equal(fresh.totalHits, 1);
  });

  it('keeps throttlers of one key apart', async () => {
    const key = randomUUID();
    await first!.increment(key, 60_000, 1, 60_000, 'short');
    assert.equal((await first!.increment(key, 60_000, 1, 60_000, 'long')).totalHits, 1);
  });
});
