import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { McpConfigurationError, McpModule } from 'nestjs-fastmcp';
import { McpAdminModule } from 'nestjs-fastmcp/admin';
import { McpPersistenceModule, McpRecordWriter } from 'nestjs-fastmcp/persistence';
import { ADMIN_TOKEN, AdminDemoTools, AdminTokenGuard } from './fixtures/admin-app.fixture.js';
import { connectModern } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { sqliteDatabase, type TestDatabase } from './support/test-databases.js';

const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('McpAdminModule.forRootAsync', () => {
  let running: RunningApp;

  before(async () => {
    @Module({
      imports: [
        McpModule.forRoot({ name: 'admin-async', version: '1.0.0' }),
        McpAdminModule.forRootAsync({ useFactory: async () => ({ path: '/ops/mcp', guards: [AdminTokenGuard] }) }),
      ],
      providers: [AdminDemoTools],
    })
    class AsyncAdminModule {}
    running = await startApp({ imports: [AsyncAdminModule] });
  });

  after(() => running?.close());

  it('serves the page at the path the factory gave, behind its guards', async () => {
    assert.equal((await fetch(`${running.baseUrl}/ops/mcp`)).status, 401);
    const page = await fetch(`${running.baseUrl}/ops/mcp`, { headers: asAdmin });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script src="\/ops\/mcp\/admin\.js" defer><\/script>/);
    assert.match(page.headers.get('set-cookie') ?? '', /^mcp_admin_csrf=[\w-]+; Path=\/ops\/mcp; HttpOnly; SameSite=Strict$/);
  });

  it('lists the catalog through the API', async () => {
    const { items } = (await (await fetch(`${running.baseUrl}/ops/mcp/api/catalog`, { headers: asAdmin })).json()) as { items: Array<{ key: string; enabled: boolean }> };
    assert.deepEqual(items.map((item) => item.key), ['add', 'echo', 'search_notes']);
    assert.ok(items.every((item) => item.enabled));
  });
});

describe('McpAdminModule with McpPersistenceModule', () => {
  let db: TestDatabase;
  let running: RunningApp;

  before(async () => {
    db = await sqliteDatabase();
    @Module({
      imports: [
        McpModule.forRoot({ name: 'admin-audited', version: '1.0.0' }),
        McpPersistenceModule.forRoot({ ...db.config, writer: { flushIntervalMs: 20 } }),
        McpAdminModule.forRoot({ guards: [AdminTokenGuard] }),
      ],
      providers: [AdminDemoTools],
    })
    class AuditedAdminModule {}
    running = await startApp({ imports: [AuditedAdminModule] });
  });

  after(async () => {
    try {
      await running?.close();
    } finally {
      await db?.drop();
    }
  });

  it('reads recent tool calls from the audit table, stateless 2026-07-28 calls included', async () => {
    const { client } = await connectModern(running.mcpUrl);
    await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
    await client.callTool({ name: 'echo', arguments: { text: 42 } });
    await client.close();
    await running.app.get(McpRecordWriter).flush();
    const body = (await (await fetch(`${running.baseUrl}/admin/api/tool-calls`, { headers: asAdmin })).json()) as {
      source: string;
      calls: Array<{ tool: string; outcome: string; era: string; client: string; sessionId: string | null }>;
      latency: Array<{ tool: string; calls: number }>;
    };
    assert.equal(body.source, 'audit');
    assert.deepEqual(
      body.calls.map((call) => [call.tool, call.outcome, call.era, call.sessionId]),
      [
        ['echo', 'error', 'modern', null],
        ['add', 'ok', 'modern', null],
      ],
    );
    assert.equal(body.calls[0]!.client, 'modern-test-client 1.0.0');
    assert.deepEqual(body.latency.map((stats) => stats.tool).sort(), ['add', 'echo']);
  });
});

describe('McpAdminModule options', () => {
  it('refuses to start without a guard', async () => {
    @Module({ imports: [McpModule.forRoot({ name: 'admin-open', version: '1.0.0' }), McpAdminModule.forRoot({ guards: [] })] })
    class OpenAdminModule {}
    await assert.rejects(
      Test.createTestingModule({ imports: [OpenAdminModule] }).compile(),
      (error: Error) => error instanceof McpConfigurationError && /`guards` must name at least one guard/.test(error.message),
    );
  });

  it('refuses a path with a trailing slash', async () => {
    @Module({ imports: [McpModule.forRoot({ name: 'admin-path', version: '1.0.0' }), McpAdminModule.forRoot({ path: '/admin/', guards: [AdminTokenGuard] })] })
    class SlashAdminModule {}
    await assert.rejects(Test.createTestingModule({ imports: [SlashAdminModule] }).compile(), /`path` must be an absolute path without a trailing slash/);
  });
});
