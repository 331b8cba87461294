import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { McpModule } from 'nestjs-fastmcp';
import { McpAuthGuard, McpAuthModule, McpJwtModule } from 'nestjs-fastmcp/auth';
import { McpPersistenceModule, McpRecordWriter, McpSessionsService } from 'nestjs-fastmcp/persistence';
import { GuardedCatalog } from './fixtures/guarded-catalog.fixture.js';
import { connectLegacy, ERAS, type AnyClient } from './support/clients.js';
import { INITIALIZE, postInSession, postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { sqliteDatabase, type TestDatabase } from './support/test-databases.js';
import { bearer, ISSUER, mintToken, RESOURCE } from './support/tokens.js';

/** The JSON-RPC error a rejected request carried, with the item's name made neutral. */
async function refusal(pending: Promise<unknown>, name: string): Promise<{ code: unknown; message: string }> {
  try {
    await pending;
  } catch (error) {
    const { code, message } = error as { code?: unknown; message: string };
    assert.match(message, /not found/i, `${name}: ${message}`);
    return { code, message: message.split(name).join('<name>') };
  }
  throw new Error(`expected a refusal for ${name}`);
}

describe('refusals: a hidden item is answered exactly like an unknown one, and every refusal is audited', () => {
  let db: TestDatabase;
  let running: RunningApp;
  let sessions: McpSessionsService;
  const flush = () => running.app.get(McpRecordWriter).flush();
  const deniedRows = async (principalId: string) => (await sessions.toolCalls({ principalId })).filter((row) => row.outcome === 'denied');

  before(async () => {
    db = await sqliteDatabase();
    running = await startApp({
      imports: [
        McpAuthModule.forRoot({ resource: RESOURCE, authorizationServers: [ISSUER], scopesSupported: ['payroll:read', 'payroll:write'] }),
        McpJwtModule.forRoot({ secret: 'a-test-only-hs256-secret-of-32-bytes!', issuer: ISSUER }),
        McpModule.forRoot({ name: 'hr', version: '1.0.0', guards: [McpAuthGuard] }),
        McpPersistenceModule.forRoot({ ...db.config, writer: { flushIntervalMs: 20 } }),
      ],
      providers: [GuardedCatalog],
    });
    sessions = running.app.get(McpSessionsService);
  });

  after(async () => {
    await running?.close();
    await db.drop();
  });

  for (const { era, connect } of ERAS) {
    describe(era, () => {
      let client: AnyClient;
      const principal = `bob-${era.startsWith('legacy') ? 'legacy' : 'modern'}`;

      before(async () => {
        ({ client } = await connect(running.mcpUrl, bearer(await mintToken({ sub: principal, roles: ['employee'], scope: 'payroll:read' }))));
      });

      after(() => client.close());

      it('tools/call: a hidden tool gets the unknown-tool error; a role-hidden tool gets no scope challenge', async () => {
        const unknown = await refusal(client.callTool({ name: 'nope', arguments: {} }), 'nope');
        assert.deepEqual(await refusal(client.callTool({ name: 'run_payroll', arguments: { month: 'may' } }), 'run_payroll'), unknown);
        assert.deepEqual(await refusal(client.callTool({ name: 'approve_payroll', arguments: {} }), 'approve_payroll'), unknown);
        await flush();
        const rows = await deniedRows(principal);
        const payroll = rows.find((row) => row.tool === 'run_payroll')!;
        assert.equal(payroll.method, 'tools/call');
        assert.match(payroll.reason ?? '', /access policy/);
        assert.deepEqual(payroll.arguments, { month: 'may' });
        assert.equal(payroll.error, 'Tool run_payroll not found');
        assert.ok(rows.some((row) => row.tool === 'approve_payroll'));
      });

      it('prompts/get and completion/complete: a hidden prompt is unknown, its enum values stay secret', async () => {
        const unknown = await refusal(client.getPrompt({ name: 'nope', arguments: { tone: 'warm' } }), 'nope');
        assert.deepEqual(await refusal(client.getPrompt({ name: 'layoff_memo', arguments: { tone: 'warm' } }), 'layoff_memo'), unknown);
        const unknownCompletion = await refusal(client.complete({ ref: { type: 'ref/prompt', name: 'nope' }, argument: { name: 'tone', value: '' } }), 'nope');
        assert.deepEqual(await refusal(client.complete({ ref: { type: 'ref/prompt', name: 'layoff_memo' }, argument: { name: 'tone', value: '' } }), 'layoff_memo'), unknownCompletion);
        await flush();
        const methods = (await deniedRows(principal)).filter((row) => row.tool === 'layoff_memo').map((row) => row.method).sort();
        assert.deepEqual(methods, ['completion/complete', 'prompts/get']);
      });

      it('resources/read and completion of a template: hidden ones are unknown', async () => {
        const unknown = await refusal(client.readResource({ uri: 'hr://nope' }), 'hr://nope');
        assert.deepEqual(await refusal(client.readResource({ uri: 'hr://salaries' }), 'hr://salaries'), unknown);
        const unknownReview = await refusal(client.readResource({ uri: 'hr://nothing/7/review' }), 'hr://nothing/7/review');
        assert.deepEqual(await refusal(client.readResource({ uri: 'hr://employees/7/review' }), 'hr://employees/7/review'), unknownReview);
        const ref = (uri: string) => ({ ref: { type: 'ref/resource' as const, uri }, argument: { name: 'id', value: 'a' } });
        const unknownTemplate = await refusal(client.complete(ref('hr://nothing/{id}')), 'hr://nothing/{id}');
        assert.deepEqual(await refusal(client.complete(ref('hr://employees/{id}/review')), 'hr://employees/{id}/review'), unknownTemplate);
        await flush();
        const rows = await deniedRows(principal);
        assert.ok(rows.some((row) => row.method === 'resources/read' && row.tool === 'hr://salaries'));
        assert.ok(rows.some((row) => row.method === 'resources/read' && row.tool === 'review'));
        assert.ok(rows.some((row) => row.method === 'completion/complete' && row.tool === 'review'));
      });

      it("a guard's refusal of a resource is audited with its reason", async () => {
        await assert.rejects(client.readResource({ uri: 'hr://sealed' }), /Forbidden resource/);
        await flush();
        const sealed = (await deniedRows(principal)).find((row) => row.tool === 'sealed')!;
        assert.equal(sealed.method, 'resources/read');
        assert.equal(sealed.reason, 'refused by a guard');
      });
    });
  }

  describe('2025-11-25 session only', () => {
    let client: Awaited<ReturnType<typeof connectLegacy>>['client'];

    before(async () => {
      ({ client } = await connectLegacy(running.mcpUrl, bearer(await mintToken({ sub: 'dave', roles: ['employee'] }))));
    });

    after(() => client.close());

    it('resources/subscribe: a hidden resource is refused like an unknown one, and audited', async () => {
      const unknown = await refusal(client.subscribeResource({ uri: 'hr://nope' }), 'hr://nope');
      assert.deepEqual(await refusal(client.subscribeResource({ uri: 'hr://salaries' }), 'hr://salaries'), unknown);
      await flush();
      assert.ok((await deniedRows('dave')).some((row) => row.method === 'resources/subscribe' && row.tool === 'hr://salaries'));
    });

    it('a task-augmented call of a hidden tool is the unknown-tool error', async () => {
      const call = (name: string) => client.request({ method: 'tools/call', params: { name, arguments: {}, task: { ttl: 60_000 } } }, CallToolResultSchema);
      assert.deepEqual(await refusal(call('export_all'), 'export_all'), await refusal(call('nope'), 'nope'));
    });
  });

  describe('scopes (MCP authorization "Scope Challenge Handling")', () => {
    async function openSession(token: string): Promise<string> {
      const response = await postJson(running.mcpUrl, INITIALIZE, bearer(token));
      const sessionId = response.headers.get('mcp-session-id')!;
      await postInSession(running.mcpUrl, sessionId, { jsonrpc: '2.0', method: 'notifications/initialized' }, bearer(token));
      return sessionId;
    }

    it('answers 403 insufficient_scope naming the scope for a visible tool the token lacks a scope for, and audits the call', async () => {
      const token = await mintToken({ sub: 'erin', roles: ['employee'], scope: 'payroll:read' });
      const sessionId = await openSession(token);
      const call = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'adjust_salary', arguments: { employee: 'ann' } } };
      const response = await postInSession(running.mcpUrl, sessionId, call, bearer(token));
      assert.equal(response.status, 403);
      const challenge = response.headers.get('www-authenticate') ?? '';
      assert.match(challenge, /error="insufficient_scope"/);
      assert.match(challenge, /scope="payroll:write"/);
      await flush();
      const [row] = (await deniedRows('erin')).filter((r) => r.tool === 'adjust_salary');
      assert.equal(row?.reason, 'insufficient_scope: lacks payroll:write');
      assert.equal(row?.sessionId, sessionId);
      assert.equal(row?.requestId, '7');
      assert.deepEqual(row?.arguments, { employee: 'ann' });
    });

    it('gives a role-hidden tool no scope challenge: its scope is not revealed', async () => {
      const token = await mintToken({ sub: 'frank', roles: ['employee'] });
      const sessionId = await openSession(token);
      const response = await postInSession(running.mcpUrl, sessionId, { jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'approve_payroll', arguments: {} } }, bearer(token));
      assert.equal(response.headers.get('www-authenticate'), null);
      assert.doesNotMatch(await response.text(), /payroll:approve/);
    });
  });
});
