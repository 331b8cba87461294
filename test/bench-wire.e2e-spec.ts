import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  BENCH_CLIENT_INFO,
  INITIALIZED_BODY,
  INITIALIZE_HEADERS,
  initializeBody,
  modernCallHeaders,
  sessionHeaders,
  toolCallBody,
  toolCallBodyPrefix,
} from '../bench/load/mcp-wire.js';
import { BenchAppModule } from '../bench/servers/ours/bench-app.module.js';
import { startApp, type RunningApp } from './support/test-app.js';

interface SentRequest {
  headers: Array<[string, string]>;
  body: string;
}

/** The MCP client's own headers (fetch adds its defaults later, on the wire). */
function headerPairs(headers: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < headers.length; i += 2) pairs.push([headers[i]!, headers[i + 1]!]);
  const fetchDefaults = new Set(['accept-language', 'sec-fetch-mode', 'user-agent', 'accept-encoding']);
  return pairs.filter(([name]) => !fetchDefaults.has(name)).sort(([a], [b]) => a.localeCompare(b));
}

/** A v2 SDK client whose every POST is recorded before it goes out. */
async function recordingClient(url: URL, modern: boolean) {
  const sent: SentRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    if (init?.method === 'POST') {
      const headers = [...new Headers(init.headers).entries()].sort(([a], [b]) => a.localeCompare(b));
      sent.push({ headers, body: String(init.body) });
    }
    return fetch(input, init);
  };
  const client = new Client(BENCH_CLIENT_INFO, modern ? { versionNegotiation: { mode: 'auto' } } : undefined);
  await client.connect(new StreamableHTTPClientTransport(url, { fetch: recordingFetch }));
  return { client, sent };
}

describe('the benchmark load generator', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({ imports: [BenchAppModule] });
  });

  after(() => running.close());

  it('sends the 2025-11-25 handshake and tools/call byte for byte as the v2 SDK client does', async () => {
    const { client, sent } = await recordingClient(running.mcpUrl, false);
    await client.callTool({ name: 'echo', arguments: { text: 'hello' } });
    await client.close();

    const [initialize, initialized, call] = sent;
    const sessionId = initialized!.headers.find(([name]) => name === 'mcp-session-id')![1];
    assert.equal(initialize!.body, initializeBody(0));
    assert.deepEqual(initialize!.headers, headerPairs(INITIALIZE_HEADERS));
    assert.equal(initialized!.body, INITIALIZED_BODY);
    assert.deepEqual(initialized!.headers, headerPairs(sessionHeaders(sessionId)));
    const id = JSON.parse(call!.body).id as number;
    assert.equal(call!.body, toolCallBody(toolCallBodyPrefix('legacy', 'echo', { text: 'hello' }), id));
    assert.deepEqual(call!.headers, headerPairs(sessionHeaders(sessionId)));
  });

  it('sends a 2026-07-28 tools/call, _meta envelope included, byte for byte as the v2 SDK client does', async () => {
    const { client, sent } = await recordingClient(running.mcpUrl, true);
    await client.callTool({ name: 'echo', arguments: { text: 'hello' } });
    await client.close();

    const call = sent.find((request) => request.body.includes('"tools/call"'))!;
    const id = JSON.parse(call.body).id as number;
    assert.equal(call.body, toolCallBody(toolCallBodyPrefix('2026-07-28', 'echo', { text: 'hello' }), id));
    assert.deepEqual(call.headers, headerPairs(modernCallHeaders('echo')));
  });
});
