import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { readdirSync } from 'node:fs';
import { McpRecordWriter, type McpPersistenceOptions } from 'nestjs-fastmcp/persistence';
import { DataSource, type QueryRunner } from 'typeorm';
import { auditedApp } from './fixtures/audited-tools.fixture.js';
import { connectLegacy, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { postgresBehindProxy, type PostgresBehindProxy } from './support/postgres-behind-proxy.js';
import { POSTGRES_URL, postgresDatabase, type TestDatabase } from './support/test-databases.js';

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('persistence when PostgreSQL kills its connections mid-write', () => {
  let db: TestDatabase;
  let schema: string;
  let running: RunningApp | undefined;
  let locker: DataSource;

  const start = async (options: McpPersistenceOptions = {}) => {
    await running?.close();
    running = await startApp({
      imports: [auditedApp({ ...db.config, writer: { flushIntervalMs: 10, retryDelayMs: 20, maxRetryDelayMs: 100 }, ...options })],
    });
    return running;
  };

  /** Holds the audit table locked: the writer's next batch blocks inside its transaction. */
  async function lockAuditTable(): Promise<QueryRunner> {
    const lock = locker.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query('LOCK TABLE mcp_tool_calls IN ACCESS EXCLUSIVE MODE');
    return lock;
  }

  /** Waits for the blocked batch, then terminates every backend of the app: it dies mid-write. */
  async function killBlockedWrite(): Promise<void> {
    const blocked = async () =>
      (await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [schema])).length > 0;
    await waitFor(blocked, 'a write blocked on the lock');
    const killed = await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [schema]);
    assert.ok(killed.length > 0);
  }

  const auditRows = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM mcp_tool_calls'))[0]!.n);

  before(async () => {
    db = await postgresDatabase();
    schema = db.config.schema!;
    locker = await new DataSource({ type: 'postgres', url: POSTGRES_URL, applicationName: `${schema}_locker`, extra: { options: `-c search_path=${schema}` } }).initialize();
  });

  after(async () => {
    try {
      // First: a lock left behind by a failed test would hold the app's writer and the drop.
      await locker.destroy();
      await running?.close();
    } finally {
      await db.drop();
    }
  });

  it('keeps serving tool calls, retries, and loses no acknowledged audit row', async () => {
    const app = await start();
    const writer = app.app.get(McpRecordWriter);
    const { client } = await connectLegacy(app.mcpUrl, { 'x-user': 'frank' });
    const call = async (i: number) => assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: `call ${i}` } })), `call ${i}`);
    for (let i = 0; i < 5; i++) await call(i);
    await writer.flush();
    assert.equal(await auditRows(), 5);

    const lock = await lockAuditTable();
    // The audit table is unusable for the app now; calls go on and their rows wait in the queue.
    for (let i = 5; i < 10; i++) await call(i);
    await killBlockedWrite();
    for (let i = 10; i < 15; i++) await call(i);
    await waitFor(() => writer.stats().retries > 0, 'the writer to retry');
    assert.equal(writer.stats().healthy, false);
    // Kill the retry's connection too, for good measure.
    await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [schema]);
    for (let i = 15; i < 20; i++) await call(i);

    await lock.commitTransaction();
    await lock.release();
    await writer.flush();
    assert.equal(await auditRows(), 20);
    const stats = writer.stats();
    assert.equal(stats.healthy, true);
    assert.deepEqual(stats.dropped, { overflow: 0, rejected: 0, shutdown: 0 });
    await client.close();
  });

  it("refuses tool calls while audit rows cannot be written, with whenDatabaseDown: 'refuse'", async () => {
    const app = await start({ whenDatabaseDown: 'refuse' });
    const writer = app.app.get(McpRecordWriter);
    const { client } = await connectLegacy(app.mcpUrl);
    assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: 'audited' } })), 'audited');

    const lock = await lockAuditTable();
    assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: 'queued' } })), 'queued');
    await killBlockedWrite();
    await waitFor(() => !writer.stats().healthy, 'the writer to notice');
    const refused = await client.callTool({ name: 'echo', arguments: { text: 'unaudited' } });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /Tool calls are paused: the audit log cannot be written/);

    await lock.commitTransaction();
    await lock.release();
    await writer.flush();
    assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: 'again' } })), 'again');
    await client.close();
  });
});

describe('persistence when the server is cut off from PostgreSQL (spill file)', () => {
  let pg: PostgresBehindProxy;
  let running: RunningApp | undefined;

  before(async () => {
    pg = await postgresBehindProxy('mcp-outage-spill-');
  });

  after(async () => {
    try {
      await running?.close();
    } finally {
      await pg.close();
    }
  });

  it('acknowledges calls through the cut-off, keeps their rows on disk, and writes every one back', async () => {
    const { db, proxy, spillDir } = pg;
    running = await startApp({
      imports: [
        auditedApp({
          ...db.config,
          url: pg.url,
          spill: { directory: spillDir, syncIntervalMs: 10 },
          writer: { flushIntervalMs: 10, retryDelayMs: 20, maxRetryDelayMs: 100, maxQueueSize: 50 },
        }),
      ],
    });
    const writer = running.app.get(McpRecordWriter);
    const { client } = await connectLegacy(running.mcpUrl);
    const call = async (i: number) => assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: `call ${i}` } })), `call ${i}`);
    for (let i = 0; i < 10; i++) await call(i);
    await writer.flush();

    proxy.cutOff();
    for (let i = 10; i < 210; i++) await call(i);
    await waitFor(() => writer.stats().spill!.active, 'the writer to spill');
    await waitFor(() => readdirSync(spillDir).length > 0, 'a spill file');
    proxy.restore();

    await writer.flush();
    const [{ n }] = (await db.query<{ n: string }>('SELECT count(*) AS n FROM mcp_tool_calls')) as [{ n: string }];
    assert.equal(Number(n), 210);
    const stats = writer.stats();
    assert.deepEqual(stats.dropped, { overflow: 0, rejected: 0, shutdown: 0 });
    assert.ok(stats.spill!.appended > 0);
    await waitFor(() => readdirSync(spillDir).length === 0, 'the spill file to be deleted');
    await client.close();
  });
});
