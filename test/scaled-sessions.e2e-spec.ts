import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ElicitRequestSchema, LoggingMessageNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { ScaledCluster, type ClusterInstance } from '../apps/scaled/cluster.js';
import { connectLegacy, connectModern, textOf } from './support/clients.js';
import { PrivateRedis } from './support/private-redis.js';
import { postgresDatabase, type TestDatabase } from './support/test-databases.js';
import { openEventStream, rawLegacySession } from './support/raw-legacy-session.js';
import { until } from './support/until.js';

/**
 * Three separate instance processes of apps/scaled on one Redis and one PostgreSQL (the audit),
 * behind HAProxy's plain
 * round-robin (no stickiness): consecutive requests of one 2025-era session land on different
 * instances, and the session behaves as if it had one server.
 */
describe('2025-era sessions across instances behind HAProxy', () => {
  let redis: PrivateRedis;
  let cluster: ScaledCluster;
  let db: TestDatabase;

  before(async () => {
    redis = await PrivateRedis.start();
    db = await postgresDatabase();
    cluster = await ScaledCluster.start({
      instances: 3,
      env: {
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
        MCP_STATE_SECRET: 'a-test-secret-that-is-at-least-32-bytes',
        DATABASE_URL: db.config.url!,
        DATABASE_SCHEMA: db.config.schema!,
      },
    });
  });
  after(async () => {
    await cluster?.stop();
    await redis?.halt();
    await db?.drop();
  });

  const result = (value: unknown) => JSON.parse(textOf(value)) as { instance: string; name?: string; counted?: number };
  const instanceNamed = (name: string): ClusterInstance => cluster.instances.find((instance) => instance.name === name)!;
  const restart = async (instance: ClusterInstance) => {
    await instance.start();
    await cluster.waitForBalancer();
  };

  it('answers 50 calls of one session while the balancer spreads its requests over every instance', async () => {
    const before = await cluster.serverStats();
    const { client, transport } = await connectLegacy(cluster.url);
    const servedBy = new Set<string>();
    for (let i = 0; i < 50; i++) servedBy.add(result(await client.callTool({ name: 'whoami', arguments: {} })).instance);
    const after = await cluster.serverStats();
    const sessionId = transport.sessionId!;
    await client.close();
    // Audited once each, in the shared database, whichever instance received the request.
    await until('50 audit rows', async () => (await db.query<{ n: string }>(`SELECT count(*) AS n FROM mcp_tool_calls WHERE session_id = $1 AND tool = 'whoami'`, [sessionId]))[0]!.n === '50');
    // One owner runs every call; the requests themselves reached all three instances.
    assert.equal(servedBy.size, 1);
    for (const instance of cluster.instances) assert.ok(after.get(instance.name)!.requests - before.get(instance.name)!.requests >= 10, `${instance.name} received its share`);
  });

  it('delivers progress and log messages of a call, and resource updates published on any instance', async () => {
    const { client, standaloneStream } = await connectLegacy(cluster.url);
    const logs: string[] = [];
    const updates: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(String(n.params.data)));
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
    await standaloneStream;
    await client.setLoggingLevel('info');
    const progress: number[] = [];
    const counted = await client.callTool({ name: 'count', arguments: { n: 5 } }, undefined, { onprogress: (p) => void progress.push(p.progress) });
    assert.equal(result(counted).counted, 5);
    // Progress is throttled (`progressIntervalMs`): the updates arrive in order and the last one always does.
    assert.equal(progress.at(-1), 5);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
    await until('five log messages', () => logs.length >= 5);

    await client.subscribeResource({ uri: 'note://latest' });
    const owner = result(await client.callTool({ name: 'whoami', arguments: {} })).instance;
    const { client: writer } = await connectModern(cluster.url);
    const writers = new Set<string>();
    for (let i = 0; i < 6; i++) writers.add(result(await writer.callTool({ name: 'write-note', arguments: { text: `note ${i}` } })).instance);
    await writer.close();
    assert.ok([...writers].some((name) => name !== owner), 'some notes were written on another instance than the session owner');
    await until('six resource updates on the GET stream', () => updates.length >= 6);
    assert.ok(updates.every((uri) => uri === 'note://latest'));
    await client.close();
  });

  it('finds the waiting tool when the answer to an elicitation reaches another instance', async () => {
    const { client } = await connectLegacy(cluster.url, {}, { elicitation: {} }, (c) => {
      c.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { name: 'Ada' } }));
    });
    // Three rounds: with round-robin over three instances, answers land elsewhere than the owner.
    for (let i = 0; i < 3; i++) assert.equal(result(await client.callTool({ name: 'ask-name', arguments: {} })).name, 'Ada');
    await client.close();
  });

  it('delivers a resource update published on one instance to a 2026-07-28 listener on another', async () => {
    const { client: listener } = await connectModern(cluster.url);
    const updates: string[] = [];
    listener.setNotificationHandler('notifications/resources/updated', (n) => void updates.push(n.params.uri));
    const subscription = await listener.listen({ resourceSubscriptions: ['note://latest'] });
    const { client: writer } = await connectModern(cluster.url);
    for (let i = 0; i < 3; i++) await writer.callTool({ name: 'write-note', arguments: { text: `listen ${i}` } });
    await until('three updates on the listen stream', () => updates.length >= 3);
    await subscription.close();
    await Promise.all([listener.close(), writer.close()]);
  });

  it('ends the session on every instance when the client deletes it through any one', async () => {
    const { client, transport } = await connectLegacy(cluster.url);
    await client.callTool({ name: 'whoami', arguments: {} });
    const sessionId = transport.sessionId!;
    await transport.terminateSession();
    for (const instance of cluster.instances) {
      const response = await fetch(instance.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      assert.equal(response.status, 404, `${instance.name} no longer serves the session`);
    }
    await client.close();
  });

  it('keeps a session going after kill -9 of the instance serving it; only the call in flight fails', async () => {
    const { client } = await connectLegacy(cluster.url);
    const owner = instanceNamed(result(await client.callTool({ name: 'whoami', arguments: {} })).instance);
    const inFlight = client.callTool({ name: 'wait', arguments: { ms: 10_000 } }, undefined, { timeout: 30_000 }).then(
      () => undefined,
      (error: Error) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await owner.kill('SIGKILL');
    assert.ok((await inFlight) instanceof Error, 'the call in flight on the killed instance fails');
    await cluster.waitForBalancer();
    const servedBy = new Set<string>();
    for (let i = 0; i < 6; i++) servedBy.add(result(await client.callTool({ name: 'whoami', arguments: {} })).instance);
    assert.equal(servedBy.size, 1);
    assert.notEqual([...servedBy][0], owner.name);
    await client.close();
    await restart(owner);
  });

  it('drains on SIGTERM: the call in flight finishes, then the session continues on another instance', async () => {
    const { client } = await connectLegacy(cluster.url);
    const owner = instanceNamed(result(await client.callTool({ name: 'whoami', arguments: {} })).instance);
    const inFlight = client.callTool({ name: 'wait', arguments: { ms: 1_500 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = owner.kill('SIGTERM');
    assert.equal(result(await inFlight).instance, owner.name);
    await stopped;
    await cluster.waitForBalancer();
    const next = result(await client.callTool({ name: 'whoami', arguments: {} })).instance;
    assert.notEqual(next, owner.name);
    await client.close();
    await restart(owner);
  });

  it('replays missed stream events from Redis when the client resumes on another instance', async () => {
    const [first, second, third] = cluster.instances;
    const session = await rawLegacySession(first!.url);
    await session.request('resources/subscribe', { uri: 'note://latest' });
    const stream = await openEventStream(first!.url, session.headers);
    const { client: writer } = await connectModern(second!.url);
    await writer.callTool({ name: 'write-note', arguments: { text: 'seen' } });
    const seen = await stream.next();
    assert.match(seen.data, /note:\/\/latest/);
    stream.close();
    // Published while the client has no stream open: kept in the session's Redis stream.
    await writer.callTool({ name: 'write-note', arguments: { text: 'missed' } });
    await writer.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first!.kill('SIGKILL');
    const resumed = await openEventStream(third!.url, { ...session.headers, 'last-event-id': seen.id });
    const missed = await resumed.next();
    assert.match(missed.data, /notifications\/resources\/updated/);
    assert.notEqual(missed.id, seen.id);
    resumed.close();
    await restart(first!);
  });

  it('survives a Redis restart without a crash, and serves new sessions once it is back', async () => {
    const { client } = await connectLegacy(cluster.url);
    await client.callTool({ name: 'whoami', arguments: {} });
    await redis.halt();
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await client.callTool({ name: 'whoami', arguments: {} }).then(
          () => 'answered',
          (error: Error) => `refused: ${error.message}`,
        ),
      );
    }
    assert.ok(cluster.instances.every((instance) => instance.running), 'no instance crashed');
    await client.close().catch(() => undefined);
    await redis.resume();
    await until(
      'a new session served across instances',
      async () => {
        const fresh = await connectLegacy(cluster.url).catch(() => undefined);
        if (!fresh) return false;
        try {
          for (let i = 0; i < 6; i++) await fresh.client.callTool({ name: 'whoami', arguments: {} });
          return true;
        } catch {
          return false;
        } finally {
          await fresh.client.close().catch(() => undefined);
        }
      },
      30_000,
    );
    assert.equal(outcomes.length, 6);
  });
});
