/**
 * What a hostile or careless client sends, and what it gets back: bodies refused before they are
 * read, protocol rules each revision sets, and streams that open and free at once. Every case runs
 * against the fast path and the stock path (`fastPath: false`), which must answer alike.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { Injectable, type LoggerService } from '@nestjs/common';
import { McpModule, McpResource } from 'nestjs-fastmcp';
import { CalcService } from './fixtures/calc.service.js';
import { ProtocolTools } from './fixtures/protocol.fixture.js';
import { postJson } from './support/raw-http.js';
import { RawHttpClient } from './support/raw-socket.js';
import { startApp, type RunningApp } from './support/test-app.js';

@Injectable()
class FileResources {
  @McpResource({ uriTemplate: 'files://{name}', name: 'file' })
  file({ name }: { name: string }) {
    return `name=${name}`;
  }
}

/** What the apps log, by level. */
class RecordingLogger implements LoggerService {
  readonly lines: Array<{ level: string; text: string }> = [];
  log() {}
  debug() {}
  verbose() {}
  warn(message: unknown) {
    this.lines.push({ level: 'warn', text: String(message) });
  }
  error(message: unknown, ...rest: unknown[]) {
    this.lines.push({ level: 'error', text: [message, ...rest].map(String).join('\n') });
  }
  fatal(message: unknown) {
    this.lines.push({ level: 'fatal', text: String(message) });
  }
}

const MB = 1024 * 1024;
const MAX_BODY = 1 * MB;
const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'hostile', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

type JsonRpcError = { error?: { code: number; message: string }; result?: unknown; id?: unknown };

/** The JSON-RPC messages of an answer, plain JSON or an SSE stream. */
async function messagesOf(response: Response): Promise<JsonRpcError[]> {
  const text = await response.text();
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) return [JSON.parse(text)].flat();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line.length > 'data: '.length)
    .map((line) => JSON.parse(line.slice('data: '.length)));
}

async function openSession(app: RunningApp, protocolVersion: string): Promise<Record<string, string>> {
  const init = await postJson(app.mcpUrl, { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: { name: 'hostile', version: '1' } } });
  assert.equal(init.status, 200);
  const headers = { 'mcp-session-id': init.headers.get('mcp-session-id')!, 'mcp-protocol-version': protocolVersion };
  await init.text();
  assert.equal((await postJson(app.mcpUrl, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).status, 202);
  return headers;
}

/** One request of a 2025-era session, or a 2026-07-28 request (envelope and standard headers). */
async function ask(app: RunningApp, era: 'session' | 'modern', session: Record<string, string>, method: string, params: Record<string, unknown>, name?: string) {
  const response =
    era === 'session'
      ? await postJson(app.mcpUrl, { jsonrpc: '2.0', id: 9, method, params }, session)
      : await postJson(
          app.mcpUrl,
          { jsonrpc: '2.0', id: 9, method, params: { ...params, _meta: MODERN_META } },
          { 'mcp-protocol-version': '2026-07-28', 'mcp-method': method, ...(name !== undefined && { 'mcp-name': name }) },
        );
  const [message] = await messagesOf(response);
  return message!;
}

/**
 * Posts `total` bytes with node:http, as a client that sends its whole body whatever the server
 * says; `chunked`: without a Content-Length, so nothing tells the server the size up front.
 */
function postWhole(app: RunningApp, total: number, chunked = false): Promise<{ status?: number; connection?: string; body: string; error?: string }> {
  return new Promise((resolve) => {
    const outcome: { status?: number; connection?: string; body: string; error?: string } = { body: '' };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(!chunked && { 'content-length': total }) };
    const req = request(app.mcpUrl, { method: 'POST', headers }, (res) => {
      outcome.status = res.statusCode;
      outcome.connection = res.headers.connection;
      res.on('data', (chunk: Buffer) => (outcome.body += chunk.toString()));
      res.on('end', () => setTimeout(() => resolve(outcome), 50));
      res.on('error', (error: NodeJS.ErrnoException) => (outcome.error = error.code ?? error.message));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      outcome.error = error.code ?? error.message;
      if (outcome.status === undefined) resolve(outcome);
    });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const size = Math.min(chunk.length, total - sent);
        sent += size;
        if (!req.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

const PATHS = [
  { path: 'fast path', fastPath: true },
  { path: 'stock path', fastPath: false },
] as const;

for (const { path, fastPath } of PATHS) {
  describe(`hostile clients, ${path}`, () => {
    let app: RunningApp;
    let port: number;
    const logger = new RecordingLogger();

    before(async () => {
      app = await startApp(
        {
          imports: [McpModule.forRoot({ name: 'hostile', version: '1.0.0', fastPath, maxRequestBodySize: MAX_BODY, transports: ['streamable-http', 'sse'] })],
          providers: [CalcService, ProtocolTools, FileResources],
        },
        '/mcp',
        undefined,
        { logger },
      );
      port = Number(new URL(app.baseUrl).port);
    });

    after(async () => {
      await app?.close();
    });

    describe('bodies refused before they are read', () => {
      it('answers a 4 MB text/plain body 415 before the client has sent more than its first 64 KB', async () => {
        const client = await RawHttpClient.connect(port);
        try {
          client.writeHead('POST', '/mcp', { 'Content-Type': 'text/plain', Accept: 'application/json, text/event-stream', 'Content-Length': 4 * MB });
          await client.write(Buffer.alloc(64 * 1024, 'x'));
          const started = performance.now();
          const response = await client.response(2_000);
          assert.ok(response, 'no answer while the body was still being sent');
          assert.equal(response.status, 415);
          assert.equal(response.headers.connection, 'close');
          assert.deepEqual(JSON.parse(response.body), {
            jsonrpc: '2.0',
            error: { code: -32000, message: 'Unsupported Media Type: Content-Type must be application/json' },
            id: null,
          });
          assert.ok(performance.now() - started < 1_000);
          // The rest of the body is discarded, then the server ends the connection without a reset.
          await client.write(Buffer.alloc(4 * MB - 64 * 1024, 'x'));
          assert.equal(await client.closedByServer(3_000), true, `connection not closed cleanly: ${client.errors.join(', ')}`);
        } finally {
          client.destroy();
        }
      });

      it('answers a body over maxRequestBodySize 413 with Connection: close, and the client reads it without a reset', async () => {
        const outcome = await postWhole(app, 3 * MAX_BODY);
        assert.equal(outcome.error, undefined);
        assert.equal(outcome.status, 413);
        assert.equal(outcome.connection, 'close');
        assert.deepEqual(JSON.parse(outcome.body), { jsonrpc: '2.0', error: { code: -32600, message: `Request body exceeds ${MAX_BODY} bytes` }, id: null });
      });

      it('with body parsing off, stops reading a chunked body at maxRequestBodySize and answers 413 without a reset', async () => {
        const unparsed = await startApp(
          { imports: [McpModule.forRoot({ name: 'hostile', version: '1.0.0', fastPath, maxRequestBodySize: MAX_BODY })], providers: [CalcService] },
          '/mcp',
          undefined,
          // The same logger: Nest's loggers are process-wide, and the last app's would replace it.
          { bodyParser: false, logger },
        );
        try {
          const outcome = await postWhole(unparsed, 3 * MAX_BODY, true);
          assert.equal(outcome.error, undefined);
          assert.equal(outcome.status, 413);
          assert.equal(outcome.connection, 'close');
          assert.equal((JSON.parse(outcome.body) as JsonRpcError).error?.message, `Request body exceeds ${MAX_BODY} bytes`);
        } finally {
          await unparsed.close();
        }
      });

      it('answers an unknown Content-Encoding 415 without reading the body', async () => {
        const response = await postJson(app.mcpUrl, '{}', { 'content-encoding': 'zstd' });
        assert.equal(response.status, 415);
        assert.equal(((await response.json()) as JsonRpcError).error?.message, 'Unsupported Media Type: Content-Encoding zstd is not supported');
      });

      it('answers a corrupt gzip body 400 -32700, logging one warning line and no error', async () => {
        const before = logger.lines.length;
        const response = await postJson(app.mcpUrl, 'not gzip at all', { 'content-encoding': 'gzip' });
        assert.equal(response.status, 400);
        assert.deepEqual(await response.json(), { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: the body could not be decoded (incorrect header check)' }, id: null });
        const logged = logger.lines.slice(before);
        assert.deepEqual(
          logged.map((line) => line.level),
          ['warn'],
        );
        assert.ok(!logged[0]!.text.includes('\n'), logged[0]!.text);
      });

      it('still serves a valid gzip body', async () => {
        const body = gzipSync(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'gz', version: '1' } } }));
        const response = await fetch(app.mcpUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'content-encoding': 'gzip' },
          body,
        });
        assert.equal(response.status, 200);
        await response.text();
      });
    });

    describe('JSON-RPC batches by revision', () => {
      for (const revision of ['2025-11-25', '2025-06-18']) {
        it(`refuses a batch on a ${revision} session (batching was removed in 2025-06-18): 400 -32600`, async () => {
          const session = await openSession(app, revision);
          const response = await postJson(app.mcpUrl, [{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: 2, method: 'ping' }], session);
          assert.equal(response.status, 400);
          assert.deepEqual(await response.json(), { jsonrpc: '2.0', error: { code: -32600, message: `Invalid Request: JSON-RPC batches are not allowed in protocol version ${revision}` }, id: null });
        });
      }

      it('answers every request of a batch on a 2025-03-26 session', async () => {
        const session = await openSession(app, '2025-03-26');
        const response = await postJson(app.mcpUrl, [{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: 2, method: 'ping' }], session);
        assert.equal(response.status, 200);
        assert.deepEqual((await messagesOf(response)).map((message) => message.id).sort(), [1, 2]);
      });

      it('in stateless mode, refuses a batch the MCP-Protocol-Version header\'s revision does not allow', async () => {
        const stateless = await startApp({ imports: [McpModule.forRoot({ name: 'hostile', version: '1.0.0', fastPath, stateless: true })], providers: [CalcService] }, '/mcp', undefined, { logger });
        try {
          const batch = [{ jsonrpc: '2.0', id: 1, method: 'ping' }];
          const refused = await postJson(stateless.mcpUrl, batch, { 'mcp-protocol-version': '2025-11-25' });
          assert.equal(refused.status, 400);
          assert.equal(((await refused.json()) as JsonRpcError).error?.code, -32600);
          const served = await postJson(stateless.mcpUrl, batch, { 'mcp-protocol-version': '2025-03-26' });
          assert.deepEqual((await messagesOf(served)).map((message) => message.id), [1]);
        } finally {
          await stateless.close();
        }
      });

      it('refuses a 2025-03-26 batch holding two requests with one id, rather than lose an answer', async () => {
        const session = await openSession(app, '2025-03-26');
        const response = await postJson(app.mcpUrl, [{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: 1, method: 'tools/list' }], session);
        assert.equal(response.status, 400);
        assert.deepEqual(await response.json(), { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request: the batch holds two requests with id 1' }, id: null });
      });
    });

    for (const era of ['session', 'modern'] as const) {
      describe(`invalid params, ${era === 'session' ? '2025-11-25 session' : '2026-07-28'}`, () => {
        let session: Record<string, string> = {};
        before(async () => {
          if (era === 'session') session = await openSession(app, '2025-11-25');
        });

        const CASES: Array<[string, string, Record<string, unknown>, string, string?]> = [
          ['a uri that is an object in resources/read', 'resources/read', { uri: { a: 1 } }, 'Invalid params: uri must be a string'],
          ['a cursor that is an object in tools/list', 'tools/list', { cursor: { a: 1 } }, 'Invalid params: cursor must be a string'],
          ['a cursor that is an object in prompts/list', 'prompts/list', { cursor: [] }, 'Invalid params: cursor must be a string'],
          ['a prompt argument that is not a string in prompts/get', 'prompts/get', { name: 'travel', arguments: { country: 5 } }, 'Invalid params: arguments.country must be a string', 'travel'],
        ];
        if (era === 'session') {
          CASES.push(['a log level the spec does not define in logging/setLevel', 'logging/setLevel', { level: 'loud' }, 'Invalid params: level must be one of debug, info, notice, warning, error, critical, alert, emergency']);
        }
        for (const [what, method, params, message, name] of CASES) {
          it(`answers ${what} with -32602 naming the field`, async () => {
            const answer = await ask(app, era, session, method, params, name);
            assert.deepEqual(answer.error, { code: -32602, message });
          });
        }

        it('percent-decodes a resource template variable: files://a%20b gives the handler "a b"', async () => {
          const answer = await ask(app, era, session, 'resources/read', { uri: 'files://a%20b' }, 'files://a%20b');
          assert.equal((answer.result as { contents: Array<{ text: string }> }).contents[0]!.text, 'name=a b');
        });
      });
    }

    describe('legacy SSE transport', () => {
      it('refuses requests before initialize, as a Streamable HTTP session does, then serves the handshake', async () => {
        const stream = await fetch(`${app.baseUrl}/sse`, { headers: { accept: 'text/event-stream' } });
        const reader = stream.body!.getReader();
        let text = '';
        while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
        const endpoint = /data: (\S+)/.exec(text)![1]!;
        const post = (body: unknown) => postJson(`${app.baseUrl}${endpoint}`, body);
        const early = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
        assert.equal(early.status, 400);
        assert.deepEqual(await early.json(), { jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: Server not initialized' }, id: null });
        assert.equal((await post({ jsonrpc: '2.0', id: 2, method: 'ping' })).status, 202);
        const init = await post({ jsonrpc: '2.0', id: 3, method: 'initialize', params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'sse', version: '1' } } });
        assert.equal(init.status, 202);
        await reader.cancel();
      });
    });

    describe('the standalone GET stream', () => {
      it('sends its head at once, and can be reopened at once after the client dropped it', async () => {
        const session = await openSession(app, '2025-11-25');
        for (let round = 0; round < 2; round++) {
          const abort = new AbortController();
          const started = performance.now();
          const stream = await fetch(app.mcpUrl, { headers: { accept: 'text/event-stream', ...session }, signal: abort.signal });
          assert.equal(stream.status, 200, `round ${round}`);
          assert.equal(stream.headers.get('content-type'), 'text/event-stream');
          assert.ok(performance.now() - started < 1_000, `head after ${performance.now() - started} ms`);
          abort.abort();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      });
    });

    it('logged no error for anything above', () => {
      assert.deepEqual(
        logger.lines.filter((line) => line.level !== 'warn'),
        [],
      );
    });
  });
}
