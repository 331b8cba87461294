import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpModule } from 'nestjs-fastmcp';
import { CalcService } from './fixtures/calc.service.js';
import { textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

describe('legacy HTTP+SSE transport', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({
      imports: [McpModule.forRoot({ name: 'calc', version: '1.0.0', transports: ['streamable-http', 'sse'] })],
      providers: [CalcService],
    });
  });

  after(() => running.close());

  it('serves a 2024-11-05 client over GET /sse and POST /messages', async () => {
    const client = new LegacyClient({ name: 'sse-client', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${running.baseUrl}/sse`)));
    const { tools } = await client.listTools();
    assert.ok(tools.some((tool) => tool.name === 'add'));
    assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 20, b: 22 } })), '42');
    const context = JSON.parse(textOf(await client.callTool({ name: 'whoami', arguments: {} })));
    assert.equal(context.transport, 'sse');
    assert.equal(context.hasRequest, true);
    await client.close();
  });

  it('answers 404 to messages for an unknown SSE session', async () => {
    const response = await fetch(`${running.baseUrl}/messages?sessionId=nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(response.status, 404);
  });
});

describe('transports option', () => {
  it('does not mount SSE routes unless asked', async () => {
    const running = await startApp({ imports: [McpModule.forRoot({ name: 'calc', version: '1.0.0' })], providers: [CalcService] });
    try {
      const response = await fetch(`${running.baseUrl}/sse`);
      assert.equal(response.status, 404);
    } finally {
      await running.close();
    }
  });
});

describe('stdio transport (the apps/stdio example as a child process)', () => {
  const script = fileURLToPath(new URL('../apps/stdio/main.js', import.meta.url));

  it('serves a v1 (2025-era) client', async () => {
    const client = new LegacyClient({ name: 'stdio-client', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [script], stderr: 'ignore' }));
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name), ['echo']);
    assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: 'over stdio' } })), 'over stdio');
    await client.close();
  });

  it('serves a v2 client negotiating 2026-07-28', async () => {
    const client = new ModernClient({ name: 'stdio-client', version: '2.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new ModernStdioTransport({ command: process.execPath, args: [script], stderr: 'ignore' }));
    assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
    assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: 'modern' } })), 'modern');
    await client.close();
  });
});
