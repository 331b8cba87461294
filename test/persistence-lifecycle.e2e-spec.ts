import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyHttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpRegistry } from 'nestjs-fastmcp';
import { McpRecordWriter, McpSessionsService, type McpPersistenceOptions } from 'nestjs-fastmcp/persistence';
import { auditedApp } from './fixtures/audited-tools.fixture.js';
import { connectLegacy, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { TEST_DATABASES, type TestDatabase } from './support/test-databases.js';

/** A v1 client that picks an existing session up: with a session id, it skips `initialize`. */
async function resumeLegacy(url: URL, sessionId: string, headers: Record<string, string>) {
  const client = new LegacyClient({ name: 'resuming-client', version: '1.0.0' });
  await client.connect(new LegacyHttpTransport(url, { sessionId, requestInit: { headers } }));
  return client;
}

async function count(db: TestDatabase, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(row!.n);
}

for (const { kind, create } of TEST_DATABASES) {
  describe(`persistence across restarts on ${kind}`, () => {
    let db: TestDatabase;
    let running: RunningApp | undefined;
    /** (Re)starts the app on the suite's database: a restart of the server process. */
    const start = async (options: McpPersistenceOptions = {}) => {
      await running?.close();
      running = await startApp({ imports: [auditedApp({ ...db.config, writer: { flushIntervalMs: 20 }, ...options })] });
      return running;
    };

    before(async () => {
      db = await create();
    });

    after(async () => {
      try {
        await running?.close();
      } finally {
        await db.drop();
      }
    });

    it('resumes a session after the app restarts: same id, principal, client and log level', async () => {
      const first = await start();
      const { client, transport } = await connectLegacy(first.mcpUrl, { 'x-user': 'dave' });
      const sessionId = transport.sessionId!;
      await client.setLoggingLevel('error');
      await client.callTool({ name: 'echo', arguments: { text: 'before' } });
      // The client keeps its session id; the process goes away (gracefully, or not).
      await client.close();

      const second = await start();
      const resumed = await resumeLegacy(second.mcpUrl, sessionId, { 'x-user': 'dave' });
      assert.equal(textOf(await resumed.callTool({ name: 'echo', arguments: { text: 'after' } })), 'after');
      await second.app.get(McpRecordWriter).flush();

      const service = second.app.get(McpSessionsService);
      const session = await service.getSession(sessionId);
      assert.equal(session?.closedAt, null);
      assert.equal(session?.clientInfo?.name, 'legacy-test-client');
      const calls = await service.sessionToolCalls(sessionId);
      assert.deepEqual(
        calls.map((call) => [call.tool, call.principalId, call.clientInfo?.name]),
        [
          ['echo', 'dave', 'legacy-test-client'],
          ['echo', 'dave', 'legacy-test-client'],
        ],
      );
      // Both before and after the restart, only what the session asked for (error) is stored.
      assert.deepEqual(
        (await service.sessionLogs(sessionId)).map((log) => log.level),
        ['error', 'error'],
      );
      await resumed.close();
    });

    it('replays, after a restart, the stream events a client missed (Last-Event-ID)', async () => {
      const app = await start();
      const { client, transport } = await connectLegacy(app.mcpUrl);
      const sessionId = transport.sessionId!;
      await client.close();
      // Two notifications for the session's standalone stream; the client has seen the first.
      const registry = app.app.get(McpRegistry);
      registry.setToolEnabled('echo', false);
      registry.setToolEnabled('echo', true);
      const standaloneEvents = () =>
        db.query<{ seq: number | string }>(`SELECT seq FROM mcp_stream_events WHERE session_id = $1 AND stream_id = '_GET_stream' ORDER BY seq`, [
          sessionId,
        ]);
      let events = await standaloneEvents();
      // Notifications are sent (and stored) asynchronously.
      for (let attempt = 0; attempt < 100 && events.length < 2; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        events = await standaloneEvents();
      }
      assert.equal(events.length, 2);
      const [seen, missed] = events.map((event) => String(event.seq));

      const restarted = await start();
      const response = await fetch(restarted.mcpUrl, {
        headers: { accept: 'text/event-stream', 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25', 'last-event-id': seen! },
      });
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      let received = '';
      while (!received.includes('list_changed')) received += new TextDecoder().decode((await reader.read()).value);
      const replayed = /id: (\d+)\ndata: (.*)\n/.exec(received)!;
      assert.equal(replayed[1], missed);
      assert.deepEqual(JSON.parse(replayed[2]!), { jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
      await reader.cancel();
    });

    it('does not resume a session presented by another principal, or one that was closed', async () => {
      const app = await start();
      const { client, transport } = await connectLegacy(app.mcpUrl, { 'x-user': 'erin' });
      const deletedId = transport.sessionId!;
      await transport.terminateSession();
      await client.close();
      const other = await connectLegacy(app.mcpUrl, { 'x-user': 'erin' });
      await other.client.close();

      const restarted = await start();
      const closed = await resumeLegacy(restarted.mcpUrl, deletedId, { 'x-user': 'erin' });
      await assert.rejects(closed.listTools(), /404|Session not found/);
      const stolen = await resumeLegacy(restarted.mcpUrl, other.transport.sessionId!, { 'x-user': 'mallory' });
      await assert.rejects(stolen.listTools(), /404|Session not found/);
      await Promise.all([closed.close(), stolen.close()]);
    });

    it('does not resume a session idle for longer than sessionTtlMs', async () => {
      const app = await start({ sessionTtlMs: 200 });
      const { client, transport } = await connectLegacy(app.mcpUrl);
      await client.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const restarted = await start({ sessionTtlMs: 200 });
      const stale = await resumeLegacy(restarted.mcpUrl, transport.sessionId!, {});
      await assert.rejects(stale.listTools(), /404|Session not found/);
      await stale.close();
    });

    it("writes a full queue on graceful shutdown, and counts what overflowed, with whenDatabaseDown: 'drop'", async () => {
      const maxQueueSize = 300;
      // Nothing is written before shutdown: the interval is long and a batch never fills.
      const app = await start({ whenDatabaseDown: 'drop', writer: { flushIntervalMs: 60_000, maxBatchSize: 10_000, maxQueueSize, spillAfterMs: 60_000 } });
      const { client, transport } = await connectLegacy(app.mcpUrl);
      // 299 log rows and one audit row fill the queue exactly.
      await client.callTool({ name: 'chatty', arguments: { count: maxQueueSize - 1 } });
      const writer = app.app.get(McpRecordWriter);
      assert.equal(writer.stats().written, 0);
      assert.equal(writer.stats().dropped.overflow, 0);
      await client.callTool({ name: 'chatty', arguments: { count: 1 } });
      assert.equal(writer.stats().dropped.overflow, 2, 'the extra log row and audit row are refused and counted');
      await client.close();
      await app.close();
      running = undefined;

      const sessionId = transport.sessionId!;
      assert.equal(await count(db, 'mcp_logs', 'session_id = $1', [sessionId]), maxQueueSize - 1);
      assert.equal(await count(db, 'mcp_tool_calls', 'session_id = $1', [sessionId]), 1);
      assert.equal(await count(db, 'mcp_sessions', 'id = $1', [sessionId]), 1);
    });

    it('moves what does not fit in the queue to the spill file and writes it all, by default', async () => {
      const maxQueueSize = 300;
      const app = await start({ writer: { flushIntervalMs: 60_000, maxBatchSize: 10_000, maxQueueSize, spillAfterMs: 60_000 } });
      const { client, transport } = await connectLegacy(app.mcpUrl);
      await client.callTool({ name: 'chatty', arguments: { count: maxQueueSize + 200 } });
      const writer = app.app.get(McpRecordWriter);
      await writer.flush();
      const stats = writer.stats();
      assert.deepEqual(stats.dropped, { overflow: 0, rejected: 0, shutdown: 0 });
      assert.ok(stats.spill!.appended > 0, JSON.stringify(stats));
      assert.equal(stats.spill!.pendingBytes, 0);
      assert.equal(await count(db, 'mcp_logs', 'session_id = $1', [transport.sessionId!]), maxQueueSize + 200);
      assert.equal(await count(db, 'mcp_tool_calls', 'session_id = $1', [transport.sessionId!]), 1);
      await client.close();
    });
  });
}
