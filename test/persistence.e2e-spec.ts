import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { MCP_DATA_SOURCE, McpRecordWriter, McpRetentionJob, McpSessionsService, TypeOrmEventStore } from 'nestjs-fastmcp/persistence';
import type { DataSource } from 'typeorm';
import { auditedApp } from './fixtures/audited-tools.fixture.js';
import { connectLegacy, connectModern, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { TEST_DATABASES, type TestDatabase } from './support/test-databases.js';

const TABLES = ['mcp_sessions', 'mcp_logs', 'mcp_tool_calls', 'mcp_tools', 'mcp_resources', 'mcp_prompts', 'mcp_stream_events'];

for (const { kind, create } of TEST_DATABASES) {
  describe(`persistence on ${kind}`, () => {
    let db: TestDatabase;
    let running: RunningApp;
    let sessions: McpSessionsService;

    before(async () => {
      db = await create();
      running = await startApp({ imports: [auditedApp({ ...db.config, catalog: { pollIntervalMs: 50 }, writer: { flushIntervalMs: 20 } })] });
      sessions = running.app.get(McpSessionsService);
    });

    after(async () => {
      try {
        await running?.close();
      } finally {
        await db.drop();
      }
    });

    const flush = () => running.app.get(McpRecordWriter).flush();

    it('runs the committed migrations on an empty database', async () => {
      const migrations = await db.query<{ name: string }>('SELECT name FROM mcp_migrations');
      assert.deepEqual(
        migrations.map((migration) => migration.name.replace(/\d+$/, '')),
        ['McpInit', 'McpAuditMethodReason', 'McpSanitizedFlag'],
      );
      for (const table of TABLES) assert.ok(await db.query(`SELECT count(*) AS n FROM ${table}`), table);
    });

    it('writes one audit row per tool call, with its outcome, duration and redacted arguments', async () => {
      const { client, transport } = await connectLegacy(running.mcpUrl, { 'x-user': 'alice' });
      await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
      await client.callTool({ name: 'slow', arguments: { ms: 60 } });
      await client.callTool({ name: 'broken', arguments: {} });
      await client.callTool({ name: 'locked', arguments: {} });
      await client.callTool({ name: 'login', arguments: { user: 'alice', password: 'hunter2' } });
      await flush();
      const calls = await sessions.sessionToolCalls(transport.sessionId!);
      assert.deepEqual(
        calls.map((call) => [call.tool, call.outcome]),
        [
          ['echo', 'ok'],
          ['slow', 'ok'],
          ['broken', 'error'],
          ['locked', 'denied'],
          ['login', 'ok'],
        ],
      );
      assert.ok(calls[1]!.durationMs >= 55 && calls[1]!.durationMs < 5_000, `duration ${calls[1]!.durationMs}`);
      assert.equal(calls[2]!.error, 'boom');
      assert.equal(calls[3]!.error, 'Forbidden resource');
      assert.deepEqual(calls[4]!.arguments, { user: 'alice', password: '[REDACTED]' });
      assert.ok(calls.every((call) => call.principalId === 'alice' && call.era === 'legacy' && call.protocolVersion === '2025-11-25'), JSON.stringify(calls));
      await client.close();
    });

    it('records sessionless 2026-07-28 calls with their client info and principal', async () => {
      const { client } = await connectModern(running.mcpUrl, { 'x-user': 'bob' });
      await client.callTool({ name: 'echo', arguments: { text: 'stateless' } });
      await flush();
      const [call, ...others] = await sessions.toolCalls({ sessionId: null, principalId: 'bob' });
      assert.equal(others.length, 0);
      assert.equal(call!.sessionId, null);
      assert.equal(call!.era, 'modern');
      assert.equal(call!.protocolVersion, '2026-07-28');
      assert.equal(call!.clientInfo?.name, 'modern-test-client');
      const logs = await sessions.logs({ sessionId: null, principalId: 'bob' });
      assert.deepEqual(
        logs.map((log) => log.level),
        ['info', 'warning', 'error'],
      );
      assert.deepEqual(logs[0]!.data, { text: 'stateless' });
      await client.close();
    });

    it('stores the log rows a session asked for with logging/setLevel, and none below', async () => {
      const quiet = await connectLegacy(running.mcpUrl);
      const plain = await connectLegacy(running.mcpUrl);
      await quiet.client.setLoggingLevel('warning');
      await quiet.client.callTool({ name: 'echo', arguments: { text: 'quiet' } });
      await plain.client.callTool({ name: 'echo', arguments: { text: 'plain' } });
      await flush();
      const levels = async (sessionId: string) => (await sessions.sessionLogs(sessionId)).map((log) => log.level);
      assert.deepEqual(await levels(quiet.transport.sessionId!), ['warning', 'error']);
      // No level asked for: the configured minimum (info) applies.
      assert.deepEqual(await levels(plain.transport.sessionId!), ['info', 'warning', 'error']);
      assert.equal((await sessions.getSession(quiet.transport.sessionId!))?.logLevel, 'warning');
      await Promise.all([quiet.client.close(), plain.client.close()]);
    });

    it('lists sessions with their client, and terminates one: its id then answers 404', async () => {
      const { client, transport } = await connectLegacy(running.mcpUrl, { 'x-user': 'carol' });
      await flush();
      const [listed] = await sessions.listSessions({ open: true, principalId: 'carol' });
      assert.equal(listed?.id, transport.sessionId);
      assert.equal(listed?.clientInfo?.name, 'legacy-test-client');
      assert.equal(await sessions.terminate(transport.sessionId!), true);
      await assert.rejects(client.listTools(), /404|Session not found/);
      await flush();
      const closed = await sessions.getSession(transport.sessionId!);
      assert.equal(closed?.closeReason, 'terminated by operator');
      assert.ok(closed?.closedAt instanceof Date);
      await client.close().catch(() => undefined);
    });

    it('syncs the catalog at bootstrap, and a toggle made in the database disables the tool with list_changed', async () => {
      const tools = await db.query<{ name: string; enabled: unknown; source: string }>('SELECT name, enabled, source FROM mcp_tools ORDER BY name');
      assert.deepEqual(
        tools.map((tool) => [tool.name, Boolean(tool.enabled)]),
        ['broken', 'chatty', 'echo', 'locked', 'login', 'slow'].map((name) => [name, true]),
      );
      assert.equal(tools.find((tool) => tool.name === 'echo')?.source, 'AuditedTools.echo');

      const { client, standaloneStream } = await connectLegacy(running.mcpUrl);
      const changes: string[] = [];
      let notified!: () => void;
      const notification = new Promise<void>((resolve) => (notified = resolve));
      client.setNotificationHandler(ToolListChangedNotificationSchema, (message) => {
        changes.push(message.method);
        notified();
      });
      await standaloneStream;
      await db.query('UPDATE mcp_tools SET enabled = FALSE WHERE name = $1', ['echo']);
      await notification;
      assert.deepEqual(changes, ['notifications/tools/list_changed']);
      const { tools: listed } = await client.listTools();
      assert.equal(listed.some((tool) => tool.name === 'echo'), false);
      await assert.rejects(client.callTool({ name: 'echo', arguments: { text: 'x' } }), /Tool echo not found/);

      await db.query('UPDATE mcp_tools SET enabled = TRUE WHERE name = $1', ['echo']);
      for (let attempt = 0; attempt < 100 && !(await client.listTools()).tools.some((tool) => tool.name === 'echo'); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: 'back' } })), 'back');
      await client.close();
    });

    it('keeps resumable stream events per session', async () => {
      const dataSource = running.app.get<DataSource>(MCP_DATA_SOURCE);
      const store = new TypeOrmEventStore(dataSource, 'stream-session');
      const message = (id: number) => ({ jsonrpc: '2.0' as const, method: 'notifications/message', params: { level: 'info', data: id } });
      const first = await store.storeEvent('stream-a', message(1));
      await store.storeEvent('stream-b', message(2));
      const third = await store.storeEvent('stream-a', message(3));
      const replayed: Array<[string, unknown]> = [];
      const stream = await store.replayEventsAfter(first, { send: async (id, sent) => void replayed.push([id, sent]) });
      assert.equal(stream, 'stream-a');
      assert.deepEqual(replayed, [[third, message(3)]]);
      // Another session cannot replay this one's stream.
      assert.equal(await new TypeOrmEventStore(dataSource, 'other-session').getStreamIdForEventId(first), undefined);
    });

    it('purges logs, audit rows and stream events older than the retention age', async () => {
      await flush();
      const later = new Date(Date.now() + 31 * 24 * 60 * 60_000);
      const purged = await running.app.get(McpRetentionJob).run(later);
      assert.ok(purged.logs > 0 && purged.toolCalls > 0 && purged.streamEvents > 0, JSON.stringify(purged));
      assert.ok(purged.expiredSessions > 0, 'sessions idle past the resumption window are closed');
      const [{ n }] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM mcp_tool_calls');
      assert.equal(Number(n), 0);
    });
  });
}
