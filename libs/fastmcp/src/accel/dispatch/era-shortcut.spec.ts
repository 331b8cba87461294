import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { toWebRequest } from '@modelcontextprotocol/node';
import { classifyInboundRequest, isLegacyRequest } from '@modelcontextprotocol/server';
import { classifyEra, isLegacyRoute } from '../../transports/streamable-http/era-classifier.js';
import { classifyPlainRequest } from './era-shortcut.js';

/** The era decision with the shortcut in front of the SDK's classifier, as the Streamable HTTP transport takes it. */
const classify = (req: IncomingMessage, body: unknown) => classifyPlainRequest(req, body) ?? classifyEra(req, body);

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'c', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

const cases: Array<{ name: string; method: string; headers: Record<string, string>; body?: unknown }> = [
  { name: 'initialize', method: 'POST', headers: {}, body: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } } } },
  { name: 'session tools/call', method: 'POST', headers: { 'mcp-session-id': 's', 'mcp-protocol-version': '2025-11-25' }, body: { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'x' } } },
  { name: 'legacy notification', method: 'POST', headers: { 'mcp-protocol-version': '2025-06-18' }, body: { jsonrpc: '2.0', method: 'notifications/initialized' } },
  { name: 'modern tools/call', method: 'POST', headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'x' }, body: { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'x', _meta: MODERN_META } } },
  { name: 'modern header without envelope', method: 'POST', headers: { 'mcp-protocol-version': '2026-07-28' }, body: { jsonrpc: '2.0', id: 4, method: 'tools/list' } },
  { name: 'envelope for an unknown revision', method: 'POST', headers: {}, body: { jsonrpc: '2.0', id: 5, method: 'tools/list', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } } } },
  { name: 'posted response', method: 'POST', headers: {}, body: { jsonrpc: '2.0', id: 6, result: {} } },
  { name: 'legacy batch', method: 'POST', headers: {}, body: [{ jsonrpc: '2.0', id: 7, method: 'ping' }] },
  { name: 'session call with a progress token', method: 'POST', headers: { 'mcp-session-id': 's' }, body: { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'x', _meta: { progressToken: 3 } } } },
  { name: 'session notification with params', method: 'POST', headers: { 'mcp-session-id': 's', 'mcp-protocol-version': '2025-06-18' }, body: { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } } },
  { name: 'session call with another _meta key', method: 'POST', headers: {}, body: { jsonrpc: '2.0', id: 8, method: 'ping', params: { _meta: { traceparent: 'x' } } } },
  { name: 'request with a fractional id', method: 'POST', headers: {}, body: { jsonrpc: '2.0', id: 1.5, method: 'ping' } },
  { name: 'request with an unknown jsonrpc version', method: 'POST', headers: {}, body: { jsonrpc: '1.0', id: 1, method: 'ping' } },
  { name: 'legacy body under a modern header', method: 'POST', headers: { 'mcp-protocol-version': ' 2026-07-28' }, body: { jsonrpc: '2.0', id: 9, method: 'ping' } },
  { name: 'initialize naming its revision in the header', method: 'POST', headers: { 'mcp-protocol-version': '2025-06-18' }, body: { jsonrpc: '2.0', id: 10, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } } } },
  { name: 'initialize without a protocol version', method: 'POST', headers: {}, body: { jsonrpc: '2.0', id: 11, method: 'initialize', params: { capabilities: {} } } },
  { name: 'initialize under a modern header', method: 'POST', headers: { 'mcp-protocol-version': '2026-07-28' }, body: { jsonrpc: '2.0', id: 12, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } } } },
  { name: 'initialize with an envelope claim', method: 'POST', headers: {}, body: { jsonrpc: '2.0', id: 13, method: 'initialize', params: { protocolVersion: '2025-11-25', _meta: MODERN_META } } },
  { name: 'initialize notification', method: 'POST', headers: {}, body: { jsonrpc: '2.0', method: 'initialize', params: {} } },
  { name: 'modern tools/call with a progress token and arguments', method: 'POST', headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'x' }, body: { jsonrpc: '2.0', id: 14, method: 'tools/call', params: { name: 'x', arguments: { a: 1 }, _meta: { ...MODERN_META, progressToken: 'p' } } } },
  { name: 'modern tools/call whose envelope names another revision', method: 'POST', headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call' }, body: { jsonrpc: '2.0', id: 15, method: 'tools/call', params: { name: 'x', _meta: { ...MODERN_META, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } } } },
  { name: 'modern tools/call under another Mcp-Method', method: 'POST', headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' }, body: { jsonrpc: '2.0', id: 16, method: 'tools/call', params: { name: 'x', _meta: MODERN_META } } },
  { name: 'GET stream', method: 'GET', headers: { 'mcp-session-id': 's' } },
  { name: 'DELETE', method: 'DELETE', headers: { 'mcp-session-id': 's' } },
];

function nodeRequest(method: string, headers: Record<string, string>): IncomingMessage {
  return { method, url: '/mcp', headers: { host: '127.0.0.1', 'content-type': 'application/json', ...headers }, [Symbol.asyncIterator]: async function* () {} } as unknown as IncomingMessage;
}

describe('the plain-request classifier shortcut', () => {
  for (const { name, method, headers, body } of cases) {
    it(`routes ${name} exactly as the SDK's isLegacyRequest`, async () => {
      const req = nodeRequest(method, headers);
      const sdk = await isLegacyRequest(await toWebRequest(req, body), body);
      assert.equal(isLegacyRoute(classify(req, body)), sdk);
    });
    if (method === 'POST' && body !== undefined) {
      it(`classifies ${name} exactly as the SDK's classifyInboundRequest`, () => {
        const header = (name: string) => headers[name];
        const sdk = classifyInboundRequest({ httpMethod: method, protocolVersionHeader: header('mcp-protocol-version'), mcpMethodHeader: header('mcp-method'), mcpNameHeader: header('mcp-name'), body });
        assert.deepEqual(JSON.parse(JSON.stringify(classify(nodeRequest(method, headers), body))), JSON.parse(JSON.stringify(sdk)));
      });
    }
  }
});

describe('the classifier shortcut on a plain 2026-07-28 tools/call', () => {
  it('leaves the envelope check to the direct path, which hands a refused envelope to the SDK entry', () => {
    const headers = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call' };
    const body = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x', _meta: { ...MODERN_META, 'io.modelcontextprotocol/clientCapabilities': 'none' } } };
    const sdk = classifyInboundRequest({ httpMethod: 'POST', protocolVersionHeader: headers['mcp-protocol-version'], mcpMethodHeader: headers['mcp-method'], body });
    assert.equal(sdk.kind, 'reject');
    const ours = classify(nodeRequest('POST', headers), body);
    assert.equal(ours?.kind, 'modern');
  });
});
