import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Test, type TestingModule } from '@nestjs/testing';
import { McpModule, McpNotifier, McpRegistry, McpSessionManager } from 'nestjs-fastmcp';
import { createMcpTestClient, type McpTestEra } from 'nestjs-fastmcp/testing';
import { McpAuthGuard, McpAuthModule, McpJwtModule } from 'nestjs-fastmcp/auth';
import { PayrollTools } from '../apps/enterprise/payroll.tools.js';
import { KitTools } from './fixtures/testing-kit.fixture.js';
import { textOf } from './support/clients.js';

const ERAS: McpTestEra[] = ['2025-11-25', '2026-07-28'];
const ADMIN = { sub: 'alice', roles: ['admin'] };
const EDITOR = { sub: 'erin', roles: ['editor'] };
const GUEST = { sub: 'bob', roles: [] };

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > timeoutMs) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function compileKitModule(): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [McpModule.forRoot({ name: 'kit', version: '1.0.0' })],
    providers: [KitTools],
  }).compile();
  moduleRef.useLogger(false);
  return moduleRef;
}

describe('createMcpTestClient (nestjs-fastmcp/testing)', () => {
  let moduleRef: TestingModule;
  before(async () => {
    // Not initialised: the test client does it.
    moduleRef = await compileKitModule();
  });
  after(() => moduleRef.close());

  for (const era of ERAS) {
    describe(`era ${era}`, () => {
      it('calls a tool in memory and answers its structured result', async () => {
        const mcp = await createMcpTestClient(moduleRef, { era });
        assert.deepEqual((await mcp.callTool('add', { a: 2, b: 3 })).structuredContent, { sum: 5 });
        assert.equal(mcp.client.getNegotiatedProtocolVersion(), era);
        await mcp.close();
      });

      it('gives the handler the principal, the in-memory transport and the era', async () => {
        const mcp = await createMcpTestClient(moduleRef, { era, user: ADMIN });
        const modern = era === '2026-07-28' ? 'modern' : 'legacy';
        assert.equal(textOf(await mcp.callTool('whoami')), `alice over in-memory (${modern})`);
        await mcp.close();
      });

      it('shows the given headers on the request the call stands on', async () => {
        const mcp = await createMcpTestClient(moduleRef, { era, headers: { 'X-Tenant': 'acme' } });
        assert.equal(textOf(await mcp.callTool('tenant')), 'acme');
        await mcp.close();
      });

      it('lists and runs a role-restricted tool for an admin only', async () => {
        const admin = await createMcpTestClient(moduleRef, { era, user: ADMIN });
        assert.ok((await admin.listTools()).some((tool) => tool.name === 'run_payroll'));
        assert.equal(textOf(await admin.callTool('run_payroll')), 'payroll done');
        await admin.close();

        const guest = await createMcpTestClient(moduleRef, { era, user: GUEST });
        assert.ok(!(await guest.listTools()).some((tool) => tool.name === 'run_payroll'));
        await assert.rejects(guest.callTool('run_payroll'), (error: { code: number }) => error.code === -32602);
        await guest.close();
      });

      it("runs the app's guards, which read req.user", async () => {
        const editor = await createMcpTestClient(moduleRef, { era, user: EDITOR });
        assert.equal(textOf(await editor.callTool('publish')), 'published');
        await editor.close();

        const guest = await createMcpTestClient(moduleRef, { era, user: GUEST });
        const refused = await guest.callTool('publish');
        assert.equal(refused.isError, true);
        assert.match(textOf(refused), /Editors only/);
        await guest.close();
      });

      it('reads resources, gets prompts and completes prompt arguments', async () => {
        const mcp = await createMcpTestClient(moduleRef, { era });
        assert.deepEqual((await mcp.readResource('kit://motd')).contents, [{ uri: 'kit://motd', mimeType: 'text/plain', text: 'Ship it' }]);
        assert.deepEqual((await mcp.getPrompt('greet', { name: 'Ada' })).messages[0]?.content, { type: 'text', text: 'Say hello to Ada' });
        assert.deepEqual((await mcp.complete({ type: 'ref/prompt', name: 'greet' }, { name: 'name', value: 'a' })).values, ['ada', 'alan']);
        await mcp.close();
      });

      it('collects progress and log notifications', async () => {
        const mcp = await createMcpTestClient(moduleRef, { era });
        const warnings: unknown[] = [];
        mcp.onNotification('notifications/message', (notification) => {
          if (notification.params?.level === 'warning') warnings.push(notification.params.data);
        });
        assert.equal(textOf(await mcp.callTool('import_rows', { rows: 3 })), '3 rows');
        assert.equal(mcp.notifications.progress.at(-1)?.progress, 3);
        assert.equal(mcp.notifications.progress.at(-1)?.total, 3);
        assert.deepEqual(
          mcp.notifications.logs.map((log) => log.level),
          ['info', 'warning'],
        );
        assert.deepEqual(warnings, ['import finished']);
        await mcp.close();
      });

      it('answers elicitation with the given value or function', async () => {
        const accepting = await createMcpTestClient(moduleRef, { era, elicit: { action: 'accept', content: { confirm: true } } });
        assert.equal(textOf(await accepting.callTool('delete_account')), 'deleted');
        await accepting.close();

        const asked: string[] = [];
        const declining = await createMcpTestClient(moduleRef, {
          era,
          elicit: (request) => {
            asked.push(request.message);
            return { action: 'decline' };
          },
        });
        assert.equal(textOf(await declining.callTool('delete_account')), 'kept (decline)');
        assert.deepEqual(asked, ['Delete the account?']);
        await declining.close();
      });

      it('answers sampling and roots requests', async () => {
        const mcp = await createMcpTestClient(moduleRef, {
          era,
          roots: [{ uri: 'file:///work', name: 'work' }],
          sample: { role: 'assistant', model: 'test-model', content: { type: 'text', text: 'Quiet modules' } },
        });
        assert.equal(textOf(await mcp.callTool('haiku')), 'Quiet modules in file:///work');
        await mcp.close();
      });
    });
  }

  it('2025-11-25: a session hears list_changed and updates of the resources it subscribed to', async () => {
    const mcp = await createMcpTestClient(moduleRef, { user: ADMIN });
    const sessions = moduleRef.get(McpSessionManager);
    const session = [...sessions.all()].find((open) => open.kind === 'in-memory');
    assert.equal((session?.user as typeof ADMIN | undefined)?.sub, 'alice');

    const registry = moduleRef.get(McpRegistry);
    registry.setToolEnabled('whoami', false);
    registry.setToolEnabled('whoami', true);
    await mcp.client.subscribeResource({ uri: 'kit://motd' });
    moduleRef.get(McpNotifier).resourceUpdated('kit://motd');
    await until(() => mcp.notifications.all.some((notification) => notification.method === 'notifications/resources/updated'));
    assert.deepEqual(
      mcp.notifications.all.map((notification) => notification.method),
      ['notifications/tools/list_changed', 'notifications/tools/list_changed', 'notifications/resources/updated'],
    );
    await mcp.close();
    assert.equal(sessions.peek(session?.id), undefined);
  });

  it('2025-11-25: an active session is never closed as idle, an idle one is', async () => {
    const idle = await Test.createTestingModule({
      imports: [McpModule.forRoot({ name: 'idle', version: '1.0.0', sessionIdleTimeoutMs: 1_000 })],
      providers: [KitTools],
    }).compile();
    idle.useLogger(false);
    const mcp = await createMcpTestClient(idle);
    const sessions = idle.get(McpSessionManager);
    for (let call = 0; call < 12; call++) {
      await mcp.callTool('whoami');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(sessions.size, 1);
    await until(() => sessions.size === 0, 3_000);
    await mcp.close();
    await idle.close();
  });

  it('tests an app with JWT authentication on its endpoint as a given principal (apps/enterprise)', async () => {
    const enterprise = await Test.createTestingModule({
      imports: [
        McpAuthModule.forRoot({ resource: 'http://127.0.0.1/mcp', authorizationServers: ['http://localhost:9000'] }),
        McpJwtModule.forRoot({ secret: 'a-test-secret-of-at-least-32-bytes!!', issuer: 'http://localhost:9000' }),
        McpModule.forRoot({ name: 'payroll', version: '1.0.0', guards: [McpAuthGuard] }),
      ],
      providers: [PayrollTools],
    }).compile();
    enterprise.useLogger(false);
    const hr = { sub: 'hana', roles: ['hr-admin'], scopes: ['payroll:write'], via: 'jwt' };
    for (const era of ERAS) {
      const admin = await createMcpTestClient(enterprise, { era, user: hr });
      assert.deepEqual(JSON.parse(textOf(await admin.callTool('whoami'))), { sub: 'hana', roles: ['hr-admin'], scopes: ['payroll:write'] });
      assert.equal(textOf(await admin.callTool('run_payroll', { month: '2026-07' })), 'Payroll for 2026-07 queued');
      await admin.close();

      // Without the scope the tool is hidden: over HTTP the endpoint's guard would answer 403 first.
      const reader = await createMcpTestClient(enterprise, { era, user: { ...hr, scopes: ['payroll:read'] } });
      assert.ok(!(await reader.listTools()).some((tool) => tool.name === 'run_payroll'));
      await assert.rejects(reader.callTool('run_payroll', { month: '2026-07' }), (error: { code: number }) => error.code === -32602);
      await reader.close();
    }
    await enterprise.close();
  });

  it('connects to an INestApplication as well', async () => {
    const app = (await compileKitModule()).createNestApplication({ logger: false });
    const mcp = await createMcpTestClient(app, { user: ADMIN });
    assert.deepEqual((await mcp.callTool('add', { a: 1, b: 1 })).structuredContent, { sum: 2 });
    await mcp.close();
    await app.close();
  });
});
