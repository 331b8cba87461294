import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_REDACTED_FIELDS, McpEvents, McpModule, type McpEventMap } from 'nestjs-fastmcp';
import { DB_URL, LeakyService } from './fixtures/leaky.service.js';
import { connectLegacy, ERAS, textOf } from './support/clients.js';
import { INITIALIZE, postInSession, postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';

/** `[[[…"leaf"…]]]`, written out: JSON.stringify itself would overflow the stack on deep values. */
const nestedJson = (depth: number) => `${'['.repeat(depth)}"leaf"${']'.repeat(depth)}`;

describe('input hardening, error masking and log redaction', () => {
  let running: RunningApp;
  let bystander: Awaited<ReturnType<typeof connectLegacy>>;
  const logs: Array<McpEventMap['log.emitted']> = [];
  const calls: Array<McpEventMap['tool.called']> = [];

  before(async () => {
    running = await startApp({
      imports: [
        McpModule.forRoot({
          name: 'hardened',
          version: '1.0.0',
          maskErrors: true,
          maxRequestBodySize: 16 * 1024,
          redactFields: [...DEFAULT_REDACTED_FIELDS, 'ssn'],
        }),
      ],
      providers: [LeakyService],
    });
    const events = running.app.get(McpEvents);
    events.on('log.emitted', (event) => logs.push(event));
    events.on('tool.called', (event) => calls.push(event));
    // A session opened before the abuse, which must keep working after it.
    bystander = await connectLegacy(running.mcpUrl);
  });

  after(async () => {
    await bystander.client.close();
    await running.close();
  });

  it('answers an oversized body with 413 and a JSON-RPC error', async () => {
    const big = { ...INITIALIZE, params: { ...INITIALIZE.params, padding: 'x'.repeat(20 * 1024) } };
    const response = await postJson(running.mcpUrl, big);
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), { jsonrpc: '2.0', error: { code: -32600, message: 'Request body exceeds 16384 bytes' }, id: null });
    const huge = await postJson(running.mcpUrl, { ...INITIALIZE, padding: 'x'.repeat(300 * 1024) });
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { error: { code: number } }).error.code, -32600);
  });

  it('answers malformed JSON with 400 and -32700', async () => {
    const response = await postJson(running.mcpUrl, '{"jsonrpc":"2.0","id":1,"method":');
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: { code: number } }).error.code, -32700);
  });

  it('refuses JSON nested deeper than the limit before any handler runs', async () => {
    const call = `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo_tree","arguments":{"tree":${nestedJson(5_000)}}}}`;
    const response = await postInSession(running.mcpUrl, bystander.transport.sessionId!, call);
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid request: JSON nested deeper than 64 levels' },
      id: null,
    });
    const ok = await bystander.client.callTool({ name: 'echo_tree', arguments: { tree: JSON.parse(nestedJson(20)) } });
    assert.equal(ok.isError, undefined);
  });

  it('keeps serving the other session after oversized, malformed and deep bodies', async () => {
    assert.equal(textOf(await bystander.client.callTool({ name: 'login', arguments: { username: 'ann', password: 'pw' } })), 'hello ann');
    const { client } = await ERAS[1].connect(running.mcpUrl);
    assert.ok((await client.listTools()).tools.length > 0);
    await client.close();
  });

  for (const { era, connect } of ERAS) {
    it(`masks unexpected errors without leaking secrets or stack traces, ${era}`, async () => {
      const { client } = await connect(running.mcpUrl);
      const result = await client.callTool({ name: 'connect_db', arguments: {} });
      assert.equal(result.isError, true);
      assert.equal(textOf(result), 'Internal error');
      for (const failing of [() => client.readResource({ uri: 'db://status' }), () => client.getPrompt({ name: 'db_prompt' })]) {
        await assert.rejects(failing(), (error: Error) => {
          assert.match(error.message, /Internal error/);
          assert.ok(!error.message.includes('hunter2') && !/\bat \S+:\d+/.test(error.message), error.message);
          return true;
        });
      }
      assert.ok(!JSON.stringify(calls).includes('hunter2'), 'the tool.called event carries the masked message');
      await client.close();
    });
  }

  it('redacts secret fields from ctx.log (server log, events, client notifications) and tool.called arguments', async () => {
    const notified: unknown[] = [];
    const { client } = await connectLegacy(running.mcpUrl);
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void notified.push(notification.params.data));
    await client.setLoggingLevel('debug');
    await client.callTool({ name: 'login', arguments: { username: 'bob', password: 's3cret' } });
    const expected = {
      username: 'bob',
      password: '[REDACTED]',
      headers: { authorization: '[REDACTED]', 'X-Api-Key': '[REDACTED]' },
      ssn: '[REDACTED]',
    };
    assert.deepEqual(logs.at(-1)!.data, expected);
    assert.deepEqual(notified.at(-1), { message: 'login attempt', data: expected });
    assert.deepEqual(calls.at(-1)!.arguments, { username: 'bob', password: '[REDACTED]' });
    assert.ok(!DB_URL.includes('[REDACTED]'));
    await client.close();
  });
});
