import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Server, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import { replayHandshake, SessionReplayError } from './session-handshake.replay.js';

const STORED = {
  protocolVersion: '2025-06-18',
  clientInfo: { name: 'stored-client', version: '2.0.0' },
  clientCapabilities: { roots: { listChanged: true } },
  logLevel: 'warning' as const,
};

async function connected(sessionId: string) {
  const server = new Server({ name: 'replay', version: '1.0.0' }, { capabilities: { logging: {} } });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
  await server.connect(transport);
  return { server, transport };
}

describe('replayHandshake', () => {
  it('leaves the transport on the stored id and the server with the stored client', async () => {
    const { server, transport } = await connected('stored-id');
    await replayHandshake(transport, 'stored-id', STORED);
    assert.equal(transport.sessionId, 'stored-id');
    assert.deepEqual(server.getClientVersion(), STORED.clientInfo);
    assert.deepEqual(server.getClientCapabilities(), STORED.clientCapabilities);
    assert.equal(server.getNegotiatedProtocolVersion(), '2025-06-18');
    await server.close();
  });

  it('restores the log level, so the SDK filters messages as before', async () => {
    const { server, transport } = await connected('leveled');
    await replayHandshake(transport, 'leveled', STORED);
    const stream = await transport.handleRequest(
      new Request('http://localhost/mcp', { headers: { accept: 'text/event-stream', 'mcp-session-id': 'leveled' } }),
    );
    const reader = stream.body!.getReader();
    await server.sendLoggingMessage({ level: 'info', data: 'filtered out' }, 'leveled');
    await server.sendLoggingMessage({ level: 'error', data: 'delivered' }, 'leveled');
    let received = '';
    while (!received.includes('notifications/message')) received += new TextDecoder().decode((await reader.read()).value);
    assert.match(received, /"level":"error","data":"delivered"/);
    assert.doesNotMatch(received, /filtered out/);
    await reader.cancel();
    await server.close();
  });

  it('serves the next request of the session like any other', async () => {
    const { server, transport } = await connected('served');
    await replayHandshake(transport, 'served', STORED);
    const response = await transport.handleRequest(
      new Request('http://localhost/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': 'served' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping' }),
      }),
    );
    assert.equal(response.status, 200);
    assert.match(await response.text(), /"result":\{\},"jsonrpc":"2.0","id":7/);
    await server.close();
  });

  it('fails with a named error when the server refuses the handshake', async () => {
    const { server, transport } = await connected('refused');
    await replayHandshake(transport, 'refused', STORED);
    // A second initialize on an initialized transport is refused.
    await assert.rejects(replayHandshake(transport, 'refused', STORED), SessionReplayError);
    await server.close();
  });
});
