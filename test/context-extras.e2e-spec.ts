import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Injectable, Scope } from '@nestjs/common';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { McpModule, McpTool, type McpContext } from 'nestjs-fastmcp';
import { connectLegacy, connectModern, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

let transientInstances = 0;

@Injectable({ scope: Scope.TRANSIENT })
class TransientTools {
  private readonly instance = ++transientInstances;

  @McpTool({ name: 'transient_instance' })
  which() {
    return String(this.instance);
  }
}

@Injectable()
class ContextTools {
  @McpTool({ name: 'trace' })
  trace(_args: unknown, ctx: McpContext) {
    return ctx.traceContext;
  }

  @McpTool({ name: 'sign_in' })
  async signIn(_args: unknown, ctx: McpContext) {
    const answer = await ctx.elicitUrl('Sign in to continue', 'https://example.com/login');
    return `sign-in ${answer.action}`;
  }
}

describe('context extras', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({ imports: [McpModule.forRoot({ name: 'extras', version: '1.0.0' })], providers: [TransientTools, ContextTools] });
  });

  after(() => running.close());

  it('resolves a transient provider per call', async () => {
    const { client } = await connectLegacy(running.mcpUrl);
    const first = textOf(await client.callTool({ name: 'transient_instance', arguments: {} }));
    const second = textOf(await client.callTool({ name: 'transient_instance', arguments: {} }));
    assert.notEqual(first, second);
    await client.close();
  });

  it('exposes the W3C trace context the client put in _meta', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    for (const connect of [connectLegacy, connectModern]) {
      const { client } = await connect(running.mcpUrl);
      const result = await client.callTool({ name: 'trace', arguments: {}, _meta: { traceparent, tracestate: 'vendor=1' } });
      assert.deepEqual(JSON.parse(textOf(result)), { traceparent, tracestate: 'vendor=1' });
      await client.close();
    }
  });

  it('sends a URL-mode elicitation on a legacy session that supports it', async () => {
    const { client } = await connectLegacy(running.mcpUrl, {}, { elicitation: { url: {} } }, (c) => {
      c.setRequestHandler(ElicitRequestSchema, async (request) => {
        assert.equal((request.params as { mode?: string }).mode, 'url');
        assert.equal((request.params as { url?: string }).url, 'https://example.com/login');
        return { action: 'accept' };
      });
    });
    assert.equal(textOf(await client.callTool({ name: 'sign_in', arguments: {} })), 'sign-in accept');
    await client.close();
  });
});

describe('DNS-rebinding protection', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({ imports: [McpModule.forRoot({ name: 'guarded', version: '1.0.0', allowedOrigins: ['app.example.com'] })] });
  });

  after(() => running.close());

  const initialize = (headers: Record<string, string>) =>
    fetch(running.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
    });

  it('answers 403 with a JSON-RPC error to a foreign Origin', async () => {
    const response = await initialize({ origin: 'http://evil.example.com' });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { error: { code: number } }).error.code, -32000);
  });

  it('admits an allowed Origin and requests without one', async () => {
    assert.equal((await initialize({ origin: 'https://app.example.com' })).status, 200);
    assert.equal((await initialize({})).status, 200);
  });
});

describe('cache hints (2026-07-28)', () => {
  it('stamps the configured ttlMs and cacheScope on list results', async () => {
    const running = await startApp({
      imports: [McpModule.forRoot({ name: 'cached', version: '1.0.0', cacheHints: { 'tools/list': { ttlMs: 60_000, cacheScope: 'public' } } })],
      providers: [ContextTools],
    });
    try {
      const { client } = await connectModern(running.mcpUrl);
      const result = (await client.listTools()) as { ttlMs?: number; cacheScope?: string };
      assert.equal(result.ttlMs, 60_000);
      assert.equal(result.cacheScope, 'public');
      await client.close();
    } finally {
      await running.close();
    }
  });
});
