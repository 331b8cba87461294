#!/usr/bin/env node
// Minimal reproduction, against the bare SDK (no Nest, no nestjs-fastmcp), of two defects of the
// standalone GET stream of a Streamable HTTP session. It prints what it observes, for both ways
// the SDK serves Node: NodeStreamableHTTPServerTransport (@modelcontextprotocol/node), and
// WebStandardStreamableHTTPServerTransport behind toNodeHandler. Takes about 35 s (the SDK's
// keep-alive is 15 s; KEEP_ALIVE_MS=<ms> sets the transports' keepAliveMs instead).
//
//   node scripts/repro-sdk-get-stream.mjs
//
// Bug report text, to file by hand at https://github.com/modelcontextprotocol/typescript-sdk/issues:
//
// ---------------------------------------------------------------------------------------------
// Title: toNodeHandler: the standalone GET stream's head is sent only with the first keep-alive
//        (15 s), and a dropped stream blocks reopening (409) until a keep-alive write fails
//
// Versions: @modelcontextprotocol/server 2.4.0, @modelcontextprotocol/node 2.1.2, Node 20.
//
// 1. `WebStandardStreamableHTTPServerTransport.handleGetRequest` returns a `Response` whose
//    `ReadableStream` has nothing enqueued (the standalone stream gets no priming event); its
//    first bytes are the `: keepalive` comment after `keepAliveMs` (15 s by default).
//    `toNodeHandler` calls `res.writeHead()` and then waits for the first chunk, and Node sends
//    a response's head with its first body bytes: the client receives `200 text/event-stream`
//    only after 15 s. Clients that await the head before treating the stream as open (fetch
//    does) hang that long; some time out and retry.
//
// 2. When the client drops the stream, `toNodeHandler` aborts its copy loop, but the loop sits
//    in `for await (const chunk of response.body)` and only sees the abort when the next chunk
//    arrives; the web stream is not cancelled, so the transport's `_streamMapping` keeps
//    `_GET_stream` and answers every new GET of the session `409 Conflict: Only one SSE stream is
//    allowed per session` until a keep-alive write fails (observed: 409 for 10+ s, and the GET
//    that finally succeeds gets its head 15 s later still, by defect 1: 30 s in all).
//
// NodeStreamableHTTPServerTransport (through @hono/node-server) shows neither: it sends the head
// at once and cancels the body when the response closes.
//
// Expected: toNodeHandler flushes the head once it is written (`res.flushHeaders()`) and cancels
// the response body's reader on the Node response's 'close' (or the transport enqueues an
// initial SSE comment on the standalone stream).
//
// Reproduction: this script; the lines it prints are the observed behaviour.
// Workaround (nestjs-fastmcp): wrap the GET response body: enqueue `: stream opened\n\n` first,
// and cancel the SDK's reader on the Node response's 'close'
// (libs/fastmcp/src/transports/streamable-http/standalone-stream.ts).
// ---------------------------------------------------------------------------------------------
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import { Server, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

const keepAliveMs = process.env.KEEP_ALIVE_MS ? Number(process.env.KEEP_ALIVE_MS) : undefined;
const transportOptions = () => ({ sessionIdGenerator: () => randomUUID(), ...(keepAliveMs !== undefined && { keepAliveMs }) });

/** One session server: every request goes to its one transport (enough for one client). */
async function serve(kind) {
  const server = new Server({ name: 'repro', version: '1.0.0' }, { capabilities: {} });
  let handle;
  if (kind === 'NodeStreamableHTTPServerTransport') {
    const transport = new NodeStreamableHTTPServerTransport(transportOptions());
    await server.connect(transport);
    handle = (req, res) => transport.handleRequest(req, res);
  } else {
    const transport = new WebStandardStreamableHTTPServerTransport(transportOptions());
    await server.connect(transport);
    handle = toNodeHandler({ fetch: (request, options) => transport.handleRequest(request, options) });
  }
  const http = createServer((req, res) => void handle(req, res));
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${http.address().port}/mcp`, close: () => (http.closeAllConnections(), http.close(), server.close()) };
}

async function run(kind) {
  const log = (line) => console.log(`[${kind}] ${line}`);
  const { url, close } = await serve(kind);
  const json = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const init = await fetch(url, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'repro', version: '1' } } }),
  });
  const session = { 'mcp-session-id': init.headers.get('mcp-session-id'), 'mcp-protocol-version': '2025-11-25' };
  await init.text();
  await (await fetch(url, { method: 'POST', headers: { ...json, ...session }, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) })).text();

  const openGet = (signal) => fetch(url, { headers: { accept: 'text/event-stream', ...session }, signal });
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const first = new AbortController();
  const stream = await openGet(first.signal);
  log(`GET answered ${stream.status} ${stream.headers.get('content-type')}: head received after ${elapsed()} (expected: at once)`);
  first.abort();
  log('client dropped the GET stream; reopening it');
  const dropped = performance.now();
  // Time for the server to see the connection close.
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (;;) {
    const again = new AbortController();
    const reopened = await openGet(again.signal);
    const status = reopened.status;
    again.abort();
    if (status !== 409) {
      log(`reopening answered ${status} after ${((performance.now() - dropped) / 1000).toFixed(1)} s (expected: at once)`);
      break;
    }
    log(`reopening answered 409 Conflict ${((performance.now() - dropped) / 1000).toFixed(1)} s after the drop`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  await close();
}

await Promise.all([run('NodeStreamableHTTPServerTransport'), run('WebStandardStreamableHTTPServerTransport + toNodeHandler')]);
