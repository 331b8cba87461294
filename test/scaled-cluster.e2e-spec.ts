import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ScaledCluster } from '../apps/scaled/cluster.js';
import { connectModern, textOf } from './support/clients.js';
import { REDIS_URL } from './support/test-redis.js';

/**
 * The scaled example as it runs: three separate instance processes on one Redis behind HAProxy's
 * plain round-robin. 2026-07-28 requests carry everything they need, so consecutive calls spread
 * over every instance and all succeed.
 */
/** The instance a `whoami` result names. */
function instanceOf(result: unknown): string {
  return (JSON.parse(textOf(result)) as { instance: string }).instance;
}

describe('apps/scaled behind HAProxy', () => {
  let cluster: ScaledCluster;

  before(async () => {
    cluster = await ScaledCluster.start({ instances: 3, env: { REDIS_URL, REDIS_KEY_PREFIX: `test-${randomUUID()}:`, MCP_STATE_SECRET: 'a-test-secret-that-is-at-least-32-bytes' } });
  });
  after(() => cluster?.stop());

  it('spreads consecutive 2026-07-28 calls of one client over every instance', async () => {
    const { client } = await connectModern(cluster.url);
    try {
      const served = new Set<string>();
      for (let i = 0; i < 9; i++) {
        const result = await client.callTool({ name: 'whoami', arguments: {} });
        served.add(instanceOf(result));
      }
      assert.deepEqual([...served].sort(), ['instance-1', 'instance-2', 'instance-3']);
    } finally {
      await client.close();
    }
  });

  it('takes a killed instance out of rotation and keeps answering', async () => {
    await cluster.instances[2]!.kill('SIGKILL');
    await cluster.waitForBalancer();
    const { client } = await connectModern(cluster.url);
    try {
      for (let i = 0; i < 6; i++) {
        const result = await client.callTool({ name: 'whoami', arguments: {} });
        assert.notEqual(instanceOf(result), 'instance-3');
      }
    } finally {
      await client.close();
    }
    await cluster.instances[2]!.start();
    await cluster.waitForBalancer();
  });
});
