import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { McpModule, McpSessionManager } from 'nestjs-fastmcp';
import { CliTools } from './fixtures/cli.fixture.js';
import { textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

const BIN = fileURLToPath(new URL('../../libs/fastmcp/dist/cli/main.js', import.meta.url));
const TOKEN = 'Bearer bridge-token';

@Module({ imports: [McpModule.forRoot({ name: 'remote', version: '1.0.0' })], providers: [CliTools] })
class RemoteModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply((req: { headers: Record<string, unknown> }, res: { statusCode: number; end(): void }, next: () => void) => {
        if (req.headers.authorization === TOKEN) return next();
        res.statusCode = 401;
        res.end();
      })
      .forRoutes('*');
  }
}

describe('nestjs-fastmcp stdio-bridge', () => {
  let remote: RunningApp;
  const bridgeArgs = () => [BIN, 'stdio-bridge', remote.mcpUrl.href, '--header', `Authorization: ${TOKEN}`];

  before(async () => {
    remote = await startApp({ imports: [RemoteModule] });
  });

  after(async () => {
    await remote?.close();
  });

  it('lets a stdio client (v1 SDK, 2025-11-25) call a remote tool, with progress', async () => {
    const client = new LegacyClient({ name: 'desktop', version: '1.0.0' });
    await client.connect(new LegacyStdioTransport({ command: process.execPath, args: bridgeArgs(), stderr: 'pipe' }));
    assert.ok((await client.listTools()).tools.some((tool) => tool.name === 'count'));
    const progress: number[] = [];
    const result = await client.callTool({ name: 'count', arguments: { to: 3 } }, undefined, { onprogress: (p) => void progress.push(p.progress) });
    assert.equal(result.isError, undefined);
    assert.deepEqual(progress, [1, 2, 3]);
    assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } })), 'sum=5');
    await client.close();
  });

  it('lets a stdio client (v2 SDK) call a remote tool in the era it negotiates', async () => {
    const client = new ModernClient({ name: 'desktop', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new ModernStdioTransport({ command: process.execPath, args: bridgeArgs(), stderr: 'pipe' }));
    assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
    assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 1, b: 1 } })), 'sum=2');
    await client.close();
  });

  it('opens a new remote session, unseen by the client, when the server ends the old one', async () => {
    const client = new LegacyClient({ name: 'desktop', version: '1.0.0' });
    const transport = new LegacyStdioTransport({ command: process.execPath, args: bridgeArgs(), stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await client.connect(transport);
    assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } })), 'sum=3');
    const sessions = remote.app.get(McpSessionManager);
    for (const session of [...sessions.all()]) await sessions.close(session.id, 'ended by the test');
    assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 2, b: 2 } })), 'sum=4');
    assert.match(stderr, /the remote session has ended; opening a new one/);
    await client.close();
  });

  it('answers requests with an error naming the server when the remote refuses the bridge', async () => {
    const client = new LegacyClient({ name: 'desktop', version: '1.0.0' });
    const transport = new LegacyStdioTransport({ command: process.execPath, args: [BIN, 'stdio-bridge', remote.mcpUrl.href], stderr: 'pipe' });
    await assert.rejects(client.connect(transport), /401|unreachable|Unauthorized/i);
    await client.close();
  });
});
