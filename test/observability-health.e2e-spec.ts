import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import { observedApp } from './fixtures/observed-app.fixture.js';
import { connectModern } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { TcpProxy } from '../bench/soak/tcp-proxy.js';
import { POSTGRES_URL, postgresDatabase, type TestDatabase } from './support/test-databases.js';

interface HealthBody {
  status: string;
  details: Record<string, { status: string; message?: string }>;
}

async function probe(running: RunningApp, path: string): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(`${running.baseUrl}${path}`);
  return { status: response.status, body: (await response.json()) as HealthBody };
}

/** Polls readiness until it answers `status` (a pool notices a lost database on its next query). */
async function readyBecomes(running: RunningApp, status: number, timeoutMs = 10_000): Promise<{ status: number; body: HealthBody }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe(running, '/health/ready');
    if (answer.status === status || Date.now() > deadline) return answer;
    await sleep(100);
  }
}

/** Polls `/metrics` until the unlabelled sample `name` satisfies `until` (or 10 s pass), and returns its value. */
async function metricValue(running: RunningApp, name: string, until: (value: number) => boolean): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = await (await fetch(`${running.baseUrl}/metrics`)).text();
    const value = Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    if (until(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

describe('observability health without persistence', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ imports: [observedApp({ health: true })] });
  });
  after(() => running.close());

  it('answers liveness with 200 and status ok', async () => {
    const { status, body } = await probe(running, '/health/live');
    assert.equal(status, 200);
    assert.equal(body.status, 'ok');
  });

  it('is ready at once: there is no database to wait for', async () => {
    const { status, body } = await probe(running, '/health/ready');
    assert.equal(status, 200);
    assert.deepEqual(body.details, {});
  });

  it('serves no metrics route when metrics are off', async () => {
    assert.equal((await fetch(`${running.baseUrl}/metrics`)).status, 404);
  });
});

describe('observability health while the app shuts down', () => {
  /** Keeps shutdown going for a while, as in-flight calls finishing would. */
  @Injectable()
  class SlowShutdown implements BeforeApplicationShutdown {
    async beforeApplicationShutdown() {
      await sleep(600);
    }
  }

  it('answers readiness with 503 and status shutting_down once shutdown has begun', async () => {
    @Module({ imports: [observedApp({ health: true })], providers: [SlowShutdown] })
    class ShuttingDownAppModule {}
    const running = await startApp({ imports: [ShuttingDownAppModule] });
    assert.equal((await probe(running, '/health/ready')).status, 200);
    const closing = running.close();
    await sleep(200);
    const { status, body } = await probe(running, '/health/ready');
    await closing;
    assert.equal(status, 503);
    assert.equal(body.status, 'shutting_down');
  });
});

describe('observability health with PostgreSQL behind a proxy that is cut and restored', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let running: RunningApp;

  before(async () => {
    db = await postgresDatabase();
    const target = new URL(POSTGRES_URL);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(POSTGRES_URL);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    running = await startApp({ imports: [observedApp({ health: { timeoutMs: 500 }, metrics: true }, { ...db.config, url: viaProxy.toString() })] });
  });

  after(async () => {
    try {
      proxy.restore();
      await running?.close();
      await proxy.close();
    } finally {
      await db.drop();
    }
  });

  it('is ready while the database answers, with the writer queue in the details', async () => {
    const { status, body } = await probe(running, '/health/ready');
    assert.equal(status, 200);
    assert.equal(body.details.database?.status, 'up');
  });

  it('is not ready (503, database down) while the database cannot be reached, and live all along', async () => {
    proxy.cutOff();
    const { status, body } = await readyBecomes(running, 503);
    assert.equal(status, 503);
    assert.equal(body.status, 'error');
    assert.equal(body.details.database?.status, 'down');
    assert.equal((await probe(running, '/health/live')).status, 200);
    // Calls answered meanwhile have their rows moved to the spill file.
    const { client } = await connectModern(running.mcpUrl);
    for (let i = 0; i < 3; i++) await client.callTool({ name: 'add', arguments: { a: i, b: 1 } });
    await client.close();
    assert.ok((await metricValue(running, 'mcp_record_writer_spilled_total', (value) => value >= 3)) >= 3);
  });

  it('is ready again once the database can be reached', async () => {
    proxy.restore();
    const { status, body } = await readyBecomes(running, 200);
    assert.equal(status, 200);
    assert.equal(body.details.database?.status, 'up');
  });

  it('writes the spilled rows back once the database answers again, and counts them', async () => {
    const spilled = await metricValue(running, 'mcp_record_writer_spilled_total', () => true);
    assert.ok((await metricValue(running, 'mcp_record_writer_replayed_total', (value) => value >= spilled)) >= spilled);
    assert.equal(await metricValue(running, 'mcp_record_writer_spill_pending_bytes', (value) => value === 0), 0);
  });

  it('reports the record writer in the metrics when persistence is on', async () => {
    const text = await (await fetch(`${running.baseUrl}/metrics`)).text();
    assert.match(text, /^mcp_record_writer_queue_depth \d+$/m);
    assert.match(text, /^mcp_record_writer_dropped_total\{reason="overflow"\} \d+$/m);
    assert.match(text, /^mcp_database_errors_total \d+$/m);
  });
});
