import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpRecordWriter, type McpPersistenceOptions } from 'nestjs-fastmcp/persistence';
import { auditedApp } from './fixtures/audited-tools.fixture.js';
import { INITIALIZE, postInSession, postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { TEST_DATABASES, type TestDatabase } from './support/test-databases.js';

/** What a v1 SDK client sends, by hand: `initialize`, and nothing else unless asked. */
async function initialize(url: URL, clientInfo = INITIALIZE.params.clientInfo): Promise<string> {
  const response = await postJson(url, { ...INITIALIZE, params: { ...INITIALIZE.params, clientInfo } });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return response.headers.get('mcp-session-id')!;
}

/** A `tools/call` of `echo` in the session; resolves with the answer's text (JSON or SSE). */
async function callEcho(url: URL, sessionId: string, id: string | number, text: string): Promise<string> {
  const response = await postInSession(url, sessionId, { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { text, [text]: 1 } } });
  const answer = await response.text();
  assert.equal(response.status, 200, answer);
  return answer;
}

async function count(db: TestDatabase, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(row!.n);
}

for (const { kind, create } of TEST_DATABASES) {
  describe(`audit integrity on ${kind}`, () => {
    let db: TestDatabase;
    const apps: RunningApp[] = [];
    const start = async (options: McpPersistenceOptions = {}) => {
      const app = await startApp({ imports: [auditedApp({ ...db.config, ...options })] });
      apps.push(app);
      return app;
    };

    before(async () => {
      db = await create();
    });

    after(async () => {
      try {
        for (const app of apps) await app.close();
      } finally {
        await db.drop();
      }
    });

    it('audits every call of a client that never sends notifications/initialized', async () => {
      const app = await start({ writer: { flushIntervalMs: 20 } });
      const sessionId = await initialize(app.mcpUrl);
      for (let i = 0; i < 20; i++) assert.match(await callEcho(app.mcpUrl, sessionId, i + 1, `call ${i}`), new RegExp(`call ${i}`));
      const writer = app.app.get(McpRecordWriter);
      await writer.flush();
      assert.equal(await count(db, 'mcp_tool_calls', 'session_id = $1', [sessionId]), 20);
      assert.ok((await count(db, 'mcp_logs', 'session_id = $1', [sessionId])) >= 20);
      const [session] = await db.query<{ protocol_version: string; client_info: unknown }>('SELECT protocol_version, client_info FROM mcp_sessions WHERE id = $1', [sessionId]);
      assert.equal(session!.protocol_version, '2025-11-25');
      assert.deepEqual(writer.stats().dropped, { overflow: 0, rejected: 0, shutdown: 0 });
    });

    it('stores values the database would refuse, in their own flagged rows, beside the batch they came in', async () => {
      // One batch: every call below is queued before the first write.
      const app = await start({ writer: { flushIntervalMs: 60_000, maxBatchSize: 10_000 } });
      const writer = app.app.get(McpRecordWriter);
      const sessionId = await initialize(app.mcpUrl);
      const hostile = [
        { id: 'x'.repeat(500), text: 'overlong id' },
        { id: 'nul-text', text: 'nul \u0000 inside' },
        { id: 'lone-surrogate', text: 'lone \ud800 high and \udfff low' },
        { id: 'nul-\u0000-id', text: 'nul in the id' },
      ];
      for (let i = 0; i < 50; i++) await callEcho(app.mcpUrl, sessionId, `good-${i}`, `fine ${i}`);
      for (const { id, text } of hostile) await callEcho(app.mcpUrl, sessionId, id, text);
      for (let i = 50; i < 100; i++) await callEcho(app.mcpUrl, sessionId, `good-${i}`, `fine ${i}`);
      await writer.flush();

      const rows = await db.query<{ request_id: string; sanitized: boolean | number; arguments: unknown }>(
        'SELECT request_id, sanitized, arguments FROM mcp_tool_calls WHERE session_id = $1',
        [sessionId],
      );
      assert.equal(rows.length, 100 + hostile.length);
      const flagged = rows.filter((row) => Boolean(row.sanitized));
      assert.deepEqual(
        flagged.map((row) => row.request_id.slice(0, 20)),
        hostile.map(({ id }) => id.replace('\u0000', '').slice(0, 20)),
      );
      assert.ok(flagged.some((row) => row.request_id === 'x'.repeat(128)));
      assert.ok(flagged.some((row) => row.request_id === 'nul--id'));
      const stats = writer.stats();
      assert.deepEqual(stats.dropped, { overflow: 0, rejected: 0, shutdown: 0 });
      assert.equal(stats.salvaged, 0, 'sanitizing sufficed: no record needed its payload removed');
    });

    it('stores a session whose client info the database would refuse, and its calls', async () => {
      const app = await start({ writer: { flushIntervalMs: 20 } });
      const sessionId = await initialize(app.mcpUrl, { name: 'nul\u0000client', version: 'lone \ud800' });
      await postInSession(app.mcpUrl, sessionId, { jsonrpc: '2.0', method: 'notifications/initialized' });
      await callEcho(app.mcpUrl, sessionId, 1, 'from a hostile client');
      const writer = app.app.get(McpRecordWriter);
      await writer.flush();
      const [session] = await db.query<{ sanitized: boolean | number; client_info: unknown }>('SELECT sanitized, client_info FROM mcp_sessions WHERE id = $1', [sessionId]);
      assert.ok(Boolean(session!.sanitized));
      const clientInfo = typeof session!.client_info === 'string' ? JSON.parse(session!.client_info) : session!.client_info;
      assert.deepEqual(clientInfo, { name: 'nulclient', version: 'lone \ufffd' });
      assert.equal(await count(db, 'mcp_tool_calls', 'session_id = $1', [sessionId]), 1);
      assert.deepEqual(writer.stats().dropped, { overflow: 0, rejected: 0, shutdown: 0 });
    });

    it('ends a DELETEd session at once, on this instance and on another sharing the database', async () => {
      const first = await start();
      const second = await start();
      const sessionId = await initialize(first.mcpUrl);
      await postInSession(first.mcpUrl, sessionId, { jsonrpc: '2.0', method: 'notifications/initialized' });
      await callEcho(first.mcpUrl, sessionId, 1, 'before');
      await first.app.get(McpRecordWriter).flush();
      // The other instance resumes the open session from the database, as a load balancer would have it.
      assert.match(await callEcho(second.mcpUrl, sessionId, 2, 'elsewhere'), /elsewhere/);

      const deleted = await fetch(first.mcpUrl, { method: 'DELETE', headers: { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' } });
      assert.equal(deleted.status, 200);
      const third = await start();
      for (const app of [first, third]) {
        const after = await postInSession(app.mcpUrl, sessionId, { jsonrpc: '2.0', id: 3, method: 'tools/list' });
        assert.equal(after.status, 404, `${app.baseUrl}: ${await after.text()}`);
      }
      const [row] = await db.query<{ closed_at: unknown }>('SELECT closed_at FROM mcp_sessions WHERE id = $1', [sessionId]);
      assert.ok(row!.closed_at);
    });

    it('ends at once a session whose rows the writer has not written yet', async () => {
      const first = await start({ writer: { flushIntervalMs: 60_000, spillAfterMs: 60_000 } });
      const second = await start();
      const sessionId = await initialize(first.mcpUrl);
      await postInSession(first.mcpUrl, sessionId, { jsonrpc: '2.0', method: 'notifications/initialized' });
      const deleted = await fetch(first.mcpUrl, { method: 'DELETE', headers: { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' } });
      assert.equal(deleted.status, 200);
      await first.app.get(McpRecordWriter).flush();
      const after = await postInSession(second.mcpUrl, sessionId, { jsonrpc: '2.0', id: 3, method: 'tools/list' });
      assert.equal(after.status, 404);
      const [row] = await db.query<{ closed_at: unknown; protocol_version: string }>('SELECT closed_at, protocol_version FROM mcp_sessions WHERE id = $1', [sessionId]);
      assert.ok(row!.closed_at, 'the queued insert of the session did not reopen it');
      assert.equal(row!.protocol_version, '2025-11-25', 'the queued insert completed the closed row');
    });
  });
}
