/**
 * The `tools/call` fast path of 2025-era sessions against the general path: two apps with the
 * same tools, one with `fastPath: false`, the same raw requests to both. The fast path must
 * answer byte-for-byte the same JSON-RPC message, only framed as plain JSON when nothing
 * precedes the result.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpModule } from 'nestjs-fastmcp';
import { CalcService } from './fixtures/calc.service.js';
import { observed, ProtocolTools } from './fixtures/protocol.fixture.js';
import { INITIALIZE, postInSession, postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';

interface Reply {
  status: number;
  contentType: string;
  /** The JSON-RPC response to the call, exactly as it was on the wire. */
  answer: string;
  /** Every other message before it (SSE only), as parsed JSON. */
  before: Array<{ method?: string; params?: Record<string, unknown> }>;
}

async function openSession(app: RunningApp): Promise<string> {
  const init = await postJson(app.mcpUrl, INITIALIZE);
  const sessionId = init.headers.get('mcp-session-id')!;
  await init.text();
  const ack = await postInSession(app.mcpUrl, sessionId, { jsonrpc: '2.0', method: 'notifications/initialized' });
  assert.equal(ack.status, 202);
  return sessionId;
}

/** Both apps: one with the fast path, one answering every request the general way. */
async function startFastAndGeneral(): Promise<{ fast: RunningApp; general: RunningApp }> {
  const providers = [CalcService, ProtocolTools];
  const options = { name: 'fast', version: '1.0.0', progressIntervalMs: 0 };
  return {
    fast: await startApp({ imports: [McpModule.forRoot(options)], providers }),
    general: await startApp({ imports: [McpModule.forRoot({ ...options, fastPath: false })], providers }),
  };
}

function call(app: RunningApp, sessionId: string, body: unknown): Promise<Reply> {
  return postInSession(app.mcpUrl, sessionId, body).then(readReply);
}

/** The JSON-RPC response of a reply, as plain JSON or out of an SSE stream, and what preceded it. */
async function readReply(response: Response): Promise<Reply> {
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (!contentType.startsWith('text/event-stream')) return { status: response.status, contentType, answer: text, before: [] };
  const data = text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length))
    .filter((data) => data !== ''); // the priming event
  const answer = data.find((line) => 'result' in JSON.parse(line) || 'error' in JSON.parse(line));
  assert.ok(answer, `no JSON-RPC response in the stream: ${text}`);
  return { status: response.status, contentType, answer, before: data.filter((line) => line !== answer).map((line) => JSON.parse(line)) };
}

const toolCall = (id: number | string, name: string, args?: unknown, meta?: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, ...(args !== undefined && { arguments: args }), ...(meta && { _meta: meta }) },
});

describe('tools/call fast path (2025-era sessions)', () => {
  let fast: RunningApp;
  let general: RunningApp;
  let fastSession: string;
  let generalSession: string;

  before(async () => {
    ({ fast, general } = await startFastAndGeneral());
    fastSession = await openSession(fast);
    generalSession = await openSession(general);
  });

  after(async () => {
    await fast?.close();
    await general?.close();
  });

  const SAME_ANSWER: Array<[string, ReturnType<typeof toolCall>]> = [
    ['a plain result', toolCall(1, 'add', { a: 1, b: 2 })],
    ['a string id', toolCall('call-7', 'add', { a: 40, b: 2 })],
    ['a progress token it never uses', toolCall(2, 'add', { a: 1, b: 1 }, { progressToken: 'p1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' })],
    ['invalid arguments (tool error)', toolCall(3, 'add', { a: 'one' })],
    ['missing arguments', toolCall(4, 'add')],
    ['a class-validator DTO', toolCall(5, 'multiply', { a: 6, b: 7, label: 'answer' })],
    ['structured output', toolCall(6, 'stats', { values: [1, 2, 3] })],
    ['output that breaks its schema', toolCall(7, 'bad_output', {})],
    ['a user error', toolCall(8, 'fail_user', {})],
    ['an unexpected error', toolCall(9, 'fail_internal', {})],
    ['an image', toolCall(10, 'logo_image', {})],
    ['a resource link', toolCall(11, 'link', {})],
    ['an unknown tool (JSON-RPC error)', toolCall(12, 'no_such_tool', {})],
    ['a timeout', toolCall(13, 'sleepy', {})],
    ['content that breaks the result schema (JSON-RPC error)', toolCall(14, 'broken_content', {})],
    ['a progress token only', toolCall(15, 'add', { a: 2, b: 3 }, { progressToken: 15 })],
  ];

  for (const [what, body] of SAME_ANSWER) {
    it(`answers ${what} byte-for-byte like the general path, as plain JSON`, async () => {
      const [viaFast, viaGeneral] = await Promise.all([call(fast, fastSession, body), call(general, generalSession, body)]);
      assert.equal(viaFast.answer, viaGeneral.answer);
      assert.equal(viaFast.status, viaGeneral.status);
      assert.equal(viaFast.contentType, 'application/json');
      assert.equal(viaGeneral.contentType, 'text/event-stream');
    });
  }

  it('opens a session without an SDK server, answering initialize byte-for-byte like one', async () => {
    const body = { ...INITIALIZE, id: 'init-9', params: { ...INITIALIZE.params, capabilities: { roots: { listChanged: true } } } };
    const [viaFast, viaGeneral] = await Promise.all([postJson(fast.mcpUrl, body), postJson(general.mcpUrl, body)]);
    assert.equal(viaFast.headers.get('content-type'), 'application/json');
    assert.match(viaFast.headers.get('mcp-session-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal((await readReply(viaFast)).answer, (await readReply(viaGeneral)).answer);

    const unknownVersion = { ...INITIALIZE, params: { ...INITIALIZE.params, protocolVersion: '2099-01-01' } };
    const [fastUnknown, generalUnknown] = await Promise.all([postJson(fast.mcpUrl, unknownVersion), postJson(general.mcpUrl, unknownVersion)]);
    assert.equal(fastUnknown.headers.get('content-type'), 'application/json');
    assert.equal((await readReply(fastUnknown)).answer, (await readReply(generalUnknown)).answer);
  });

  it('gives a serverless session its server on the first request that needs one, and closes it on DELETE', async () => {
    const session = await openSession(fast);
    const subscribe = await call(fast, session, { jsonrpc: '2.0', id: 60, method: 'resources/subscribe', params: { uri: 'weather://Paris' } });
    assert.equal(subscribe.answer, '{"result":{},"jsonrpc":"2.0","id":60}');
    const added = await call(fast, session, toolCall(61, 'add', { a: 20, b: 22 }));
    assert.match(added.answer, /"text":"42"/);

    const idle = await openSession(fast);
    const closed = await fetch(fast.mcpUrl, { method: 'DELETE', headers: { 'mcp-session-id': idle, 'mcp-protocol-version': '2025-11-25' } });
    assert.equal(closed.status, 200);
    const after = await postInSession(fast.mcpUrl, idle, toolCall(62, 'add', { a: 1, b: 1 }));
    assert.equal(after.status, 404);
    await after.text();
  });

  it('rejects a malformed initialize the way the SDK does', async () => {
    const broken = { ...INITIALIZE, params: { ...INITIALIZE.params, clientInfo: { name: 7 } } };
    const [viaFast, viaGeneral] = await Promise.all([postJson(fast.mcpUrl, broken), postJson(general.mcpUrl, broken)]);
    assert.equal(viaFast.status, viaGeneral.status);
    assert.equal(viaFast.headers.get('mcp-session-id'), null);
    assert.equal((await readReply(viaFast)).answer, (await readReply(viaGeneral)).answer);
  });

  it('switches to an SSE stream when progress precedes the result, with the same messages', async () => {
    const body = toolCall(20, 'count', { to: 3 }, { progressToken: 'count-1' });
    const [viaFast, viaGeneral] = await Promise.all([call(fast, fastSession, body), call(general, generalSession, body)]);
    assert.equal(viaFast.contentType, 'text/event-stream');
    assert.equal(viaFast.answer, viaGeneral.answer);
    assert.deepEqual(viaFast.before, viaGeneral.before);
    assert.deepEqual(
      viaFast.before.map((message) => message.params?.progress),
      [1, 2, 3],
    );
  });

  it('streams log messages at the level the session asked for', async () => {
    for (const [app, session] of [[fast, fastSession], [general, generalSession]] as const) {
      const set = await postInSession(app.mcpUrl, session, { jsonrpc: '2.0', id: 30, method: 'logging/setLevel', params: { level: 'warning' } });
      await set.text();
    }
    const body = toolCall(31, 'chatty', {});
    const [viaFast, viaGeneral] = await Promise.all([call(fast, fastSession, body), call(general, generalSession, body)]);
    assert.equal(viaFast.answer, viaGeneral.answer);
    assert.deepEqual(viaFast.before, viaGeneral.before);
    assert.deepEqual(
      viaFast.before.map((message) => message.params?.level),
      ['warning', 'error'],
    );
  });

  it('leaves what it does not serve to the general path: batches, task requests, bad headers, unknown sessions', async () => {
    // A 2025-11-25 session takes no batch: the general path refuses it, as on the stock path.
    const [batch, batchGeneral] = await Promise.all([
      postInSession(fast.mcpUrl, fastSession, [toolCall(40, 'add', { a: 1, b: 2 })]),
      postInSession(general.mcpUrl, generalSession, [toolCall(40, 'add', { a: 1, b: 2 })]),
    ]);
    assert.equal(batch.status, 400);
    assert.deepEqual([batch.status, await batch.text()], [batchGeneral.status, await batchGeneral.text()]);

    const wrongAccept = await postJson(fast.mcpUrl, toolCall(41, 'add', { a: 1, b: 2 }), {
      'mcp-session-id': fastSession,
      accept: 'application/json',
    });
    assert.equal(wrongAccept.status, 406);
    await wrongAccept.text();

    const badVersion = await postInSession(fast.mcpUrl, fastSession, toolCall(42, 'add', { a: 1, b: 2 }), { 'mcp-protocol-version': '1999-01-01' });
    assert.equal(badVersion.status, 400);
    await badVersion.text();

    const stranger = await postInSession(fast.mcpUrl, 'not-a-session', toolCall(43, 'add', { a: 1, b: 2 }));
    assert.equal(stranger.status, 404);
    await stranger.text();

    const badParams = await call(fast, fastSession, { jsonrpc: '2.0', id: 44, method: 'tools/call', params: { name: 7 } });
    const badParamsGeneral = await call(general, generalSession, { jsonrpc: '2.0', id: 44, method: 'tools/call', params: { name: 7 } });
    assert.equal(badParams.answer, badParamsGeneral.answer);
  });

  it('cancels the call when its client goes away, and keeps serving the session', async () => {
    const abort = new AbortController();
    const pending = fetch(fast.mcpUrl, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': fastSession },
      body: JSON.stringify(toolCall(50, 'slow', {})),
    }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 150));
    abort.abort();
    assert.ok((await pending) instanceof Error);
    for (let waited = 0; !observed.cancelled && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(observed.cancelled, true);
    const next = await call(fast, fastSession, toolCall(51, 'add', { a: 2, b: 2 }));
    assert.match(next.answer, /"text":"4"/);
  });
});

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw-modern', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

function modernCall(app: RunningApp, body: ReturnType<typeof toolCall>, headers: Record<string, string> = {}): Promise<Reply> {
  return postJson(app.mcpUrl, body, {
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': 'tools/call',
    'mcp-name': body.params.name,
    ...headers,
  }).then(readReply);
}

describe('tools/call fast path (2026-07-28 per-request)', () => {
  let fast: RunningApp;
  let general: RunningApp;

  before(async () => {
    ({ fast, general } = await startFastAndGeneral());
  });

  after(async () => {
    await fast?.close();
    await general?.close();
  });

  const CASES: Array<[string, ReturnType<typeof toolCall>]> = [
    ['a plain result', toolCall(1, 'add', { a: 1, b: 2 }, MODERN_META)],
    ['a string id', toolCall('m-2', 'add', { a: 40, b: 2 }, MODERN_META)],
    ['invalid arguments (tool error)', toolCall(3, 'add', { a: 'one' }, MODERN_META)],
    ['structured output', toolCall(4, 'stats', { values: [4, 5] }, MODERN_META)],
    ['output that breaks its schema', toolCall(5, 'bad_output', {}, MODERN_META)],
    ['an unexpected error', toolCall(6, 'fail_internal', {}, MODERN_META)],
    ['an image', toolCall(7, 'logo_image', {}, MODERN_META)],
    ['an unknown tool (JSON-RPC error)', toolCall(8, 'no_such_tool', {}, MODERN_META)],
    ['a question for the client (input_required)', toolCall(9, 'confirm_delete', { item: 'x' }, { ...MODERN_META, 'io.modelcontextprotocol/clientCapabilities': { elicitation: {} } })],
    ['progress before the result (SSE)', toolCall(10, 'count', { to: 2 }, { ...MODERN_META, progressToken: 'c' })],
  ];

  for (const [what, body] of CASES) {
    it(`answers ${what} byte-for-byte like the SDK entry`, async () => {
      const [viaFast, viaGeneral] = await Promise.all([modernCall(fast, body), modernCall(general, body)]);
      if (what.startsWith('a question')) {
        // The sealed requestState differs per server key; everything around it must not.
        const strip = (answer: string) => answer.replace(/"requestState":"[^"]+"/, '"requestState":"…"');
        assert.equal(strip(viaFast.answer), strip(viaGeneral.answer));
      } else {
        assert.equal(viaFast.answer, viaGeneral.answer);
      }
      assert.equal(viaFast.status, viaGeneral.status);
      assert.equal(viaFast.contentType, viaGeneral.contentType);
      assert.deepEqual(viaFast.before, viaGeneral.before);
    });
  }

  it('hands an envelope the classifier refuses to the SDK entry, which answers it', async () => {
    for (const meta of [{ ...MODERN_META, 'io.modelcontextprotocol/clientCapabilities': 'none' }, { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' }]) {
      const body = toolCall(21, 'add', { a: 1, b: 2 }, meta);
      const [viaFast, viaGeneral] = await Promise.all([modernCall(fast, body), modernCall(general, body)]);
      assert.equal(viaFast.status, 400);
      assert.equal(viaFast.answer, viaGeneral.answer);
    }
  });

  it('leaves requests with a mismatched or missing standard header to the SDK entry', async () => {
    const body = toolCall(20, 'add', { a: 1, b: 2 }, MODERN_META);
    for (const headers of [{ 'mcp-name': 'multiply' }, { 'mcp-method': 'tools/list' }] as Array<Record<string, string>>) {
      const [viaFast, viaGeneral] = await Promise.all([modernCall(fast, body, headers), modernCall(general, body, headers)]);
      assert.equal(viaFast.status, 400);
      assert.equal(viaFast.answer, viaGeneral.answer);
    }
  });
});
