import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { ScaledCluster } from '../apps/scaled/cluster.js';
import { connectLegacy, connectModern } from './support/clients.js';
import { PrivateRedis } from './support/private-redis.js';
import { ModernTasksClient } from './support/tasks-client.js';
import { until } from './support/until.js';

/**
 * State that is per process without Redis, shared by three separate instance processes of
 * apps/scaled with it: catalog toggles, tasks, and readiness that follows Redis.
 */
describe('state shared by instances on Redis', () => {
  let redis: PrivateRedis;
  let cluster: ScaledCluster;
  const output: string[] = [];

  before(async () => {
    redis = await PrivateRedis.start();
    cluster = await ScaledCluster.start({
      instances: 3,
      env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `test-${randomUUID()}:`, MCP_STATE_SECRET: 'a-test-secret-that-is-at-least-32-bytes' },
      onOutput: (instance, line) => void output.push(`${instance} ${line}`),
    });
  });
  after(async () => {
    await cluster?.stop();
    await redis?.halt();
  });

  it('applies a tool disabled on one instance on every instance, and tells the clients of all', async () => {
    const clients = await Promise.all(cluster.instances.map((instance) => connectLegacy(instance.url)));
    const heard = clients.map(() => 0);
    clients.forEach(({ client }, index) => client.setNotificationHandler(ToolListChangedNotificationSchema, () => void heard[index]!++));
    await Promise.all(clients.map(({ standaloneStream }) => standaloneStream));
    const { client: operator } = await connectModern(cluster.instances[0]!.url);
    try {
      await operator.callTool({ name: 'set-tool-enabled', arguments: { name: 'whoami', enabled: false } });
      await until('list_changed on the sessions of every instance', () => heard.every((count) => count >= 1));
      for (const { client } of clients) {
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        assert.equal(names.includes('whoami'), false);
      }
      const refused = await clients[2]!.client.callTool({ name: 'whoami', arguments: {} }).then(
        (result) => result.isError === true,
        () => true,
      );
      assert.ok(refused, 'a disabled tool is refused on another instance');
      await operator.callTool({ name: 'set-tool-enabled', arguments: { name: 'whoami', enabled: true } });
      await until('the tool back on every instance', async () => {
        const lists = await Promise.all(clients.map(({ client }) => client.listTools()));
        return lists.every(({ tools }) => tools.some((tool) => tool.name === 'whoami'));
      });
    } finally {
      await Promise.all([operator.close(), ...clients.map(({ client }) => client.close())]);
    }
  });

  it('reads and cancels through one instance a task created on another, where it stops', async () => {
    const [first, second, third] = cluster.instances;
    const creator = await ModernTasksClient.connect(first!.url);
    const canceller = await ModernTasksClient.connect(second!.url);
    const reader = await ModernTasksClient.connect(third!.url);
    try {
      const created = await creator.callTool('report', { ms: 60_000 });
      assert.equal(created.resultType, 'task');
      assert.equal((await reader.getTask(created.taskId)).status, 'working');
      await canceller.cancelTask(created.taskId);
      assert.equal((await reader.waitFor(created.taskId, 'cancelled', 'completed', 'failed')).status, 'cancelled');
      await until('the run on the first instance stopping', () => output.some((line) => line.startsWith(first!.name) && line.includes(`Report ${created.taskId} stopped: cancelled`)));
    } finally {
      await Promise.all([creator.close(), canceller.close(), reader.close()]);
    }
  });

  it('reports Redis in readiness, down while it is away and up again without a restart', async () => {
    const ready = (port: number) => fetch(`http://127.0.0.1:${port}/health/ready`).then(async (response) => ({ status: response.status, body: (await response.json()) as { details?: { redis?: { status: string } } } }));
    const instance = cluster.instances[0]!;
    const up = await ready(instance.port);
    assert.equal(up.status, 200);
    assert.equal(up.body.details?.redis?.status, 'up');
    await redis.halt();
    try {
      const down = await ready(instance.port);
      assert.equal(down.status, 503);
      assert.equal(down.body.details?.redis?.status, 'down');
    } finally {
      await redis.resume();
    }
    await until('readiness up again', async () => (await ready(instance.port)).status === 200, 30_000);
    assert.ok(cluster.instances.every((each) => each.running));
  });
});
