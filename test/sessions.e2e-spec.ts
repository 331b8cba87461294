import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { McpModule, McpSessionManager } from 'nestjs-fastmcp';
import { CalcService } from './fixtures/calc.service.js';
import { connectLegacy, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

type JsonRpcErrorBody = { error: { code: number; message: string } };

async function errorOf(response: Response): Promise<JsonRpcErrorBody['error']> {
  return ((await response.json()) as JsonRpcErrorBody).error;
}

function post(url: URL, body: string | object, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('legacy sessions over Streamable HTTP', () => {
  let running: RunningApp;
  let sessions: McpSessionManager;

  before(async () => {
    running = await startApp({
      imports: [McpModule.forRoot({ name: 'calc', version: '1.0.0', sessionIdleTimeoutMs: 1_500, maxRequestBodySize: 64 * 1024 })],
      providers: [CalcService],
    });
    sessions = running.app.get(McpSessionManager);
  });

  after(() => running.close());

  it('serves two sessions at once, each with its own id', async () => {
    const [a, b] = await Promise.all([connectLegacy(running.mcpUrl), connectLegacy(running.mcpUrl)]);
    assert.ok(a.transport.sessionId && b.transport.sessionId);
    assert.notEqual(a.transport.sessionId, b.transport.sessionId);
    const [ra, rb] = await Promise.all([
      a.client.callTool({ name: 'add', arguments: { a: 1, b: 1 } }),
      b.client.callTool({ name: 'add', arguments: { a: 2, b: 2 } }),
    ]);
    assert.equal(textOf(ra), '2');
    assert.equal(textOf(rb), '4');
    await Promise.all([a.client.close(), b.client.close()]);
  });

  it('closes a session on HTTP DELETE; its id then answers 404', async () => {
    const { client, transport } = await connectLegacy(running.mcpUrl);
    const id = transport.sessionId!;
    const before = sessions.size;
    await transport.terminateSession();
    assert.equal(sessions.size, before - 1);
    const response = await post(running.mcpUrl, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' });
    assert.equal(response.status, 404);
    assert.equal((await errorOf(response)).code, -32001);
    await client.close();
  });

  it('answers 404 to an unknown session id', async () => {
    const response = await post(running.mcpUrl, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': 'no-such-session' });
    assert.equal(response.status, 404);
  });

  it('answers 400 to a non-initialize request without a session id', async () => {
    const response = await post(running.mcpUrl, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    assert.equal(response.status, 400);
    assert.equal((await errorOf(response)).code, -32000);
  });

  it('answers malformed JSON with a JSON-RPC parse error and keeps serving', async () => {
    const { client } = await connectLegacy(running.mcpUrl);
    const response = await post(running.mcpUrl, '{"jsonrpc": "2.0", "id": 1, "method": ');
    assert.equal(response.status, 400);
    assert.equal((await errorOf(response)).code, -32700);
    assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } })), '3');
    await client.close();
  });

  it('answers a body over the size cap with 413', async () => {
    const response = await post(running.mcpUrl, { ...INITIALIZE, params: { ...INITIALIZE.params, padding: 'x'.repeat(128 * 1024) } });
    assert.equal(response.status, 413);
  });

  it('answers a non-object JSON body with a JSON-RPC error', async () => {
    const response = await post(running.mcpUrl, '42');
    assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
  });

  it('closes idle sessions after sessionIdleTimeoutMs', async () => {
    const { client, transport } = await connectLegacy(running.mcpUrl);
    const id = transport.sessionId!;
    await sleep(3_200);
    const response = await post(running.mcpUrl, { jsonrpc: '2.0', id: 9, method: 'tools/list' }, { 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' });
    assert.equal(response.status, 404);
    await client.close().catch(() => undefined);
  });
});

describe('stateless mode', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({ imports: [McpModule.forRoot({ name: 'calc', version: '1.0.0', stateless: true })], providers: [CalcService] });
  });

  after(() => running.close());

  it('serves legacy clients without a session id', async () => {
    const { client, transport } = await connectLegacy(running.mcpUrl);
    assert.equal(transport.sessionId, undefined);
    assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 5, b: 5 } })), '10');
    const context = JSON.parse(textOf(await client.callTool({ name: 'whoami', arguments: {} })));
    assert.equal(context.sessionId, null);
    await client.close();
  });

  it('answers GET with 405', async () => {
    const response = await fetch(running.mcpUrl, { headers: { accept: 'text/event-stream' } });
    assert.equal(response.status, 405);
  });
});
