import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { classifyInboundRequest } from '@modelcontextprotocol/server';
import { directInitialize, directModernToolCall, directToolCall, isDirectInitialized, isPlainSessionMessage } from './direct-dispatch.js';

const SESSION_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

function request(headers: Record<string, string> = SESSION_HEADERS): IncomingMessage {
  return { method: 'POST', headers } as unknown as IncomingMessage;
}

const call = (params: Record<string, unknown> = { name: 'echo', arguments: { text: 'hi' } }, extra: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params,
  ...extra,
});

describe('direct dispatch eligibility', () => {
  it('takes a plain session tools/call, with or without arguments and a progress token', () => {
    assert.ok(directToolCall(request(), call()));
    assert.ok(directToolCall(request(), call({ name: 'echo' })));
    assert.ok(directToolCall(request(), call({ name: 'echo', _meta: { progressToken: 'p' } })));
  });

  it('leaves everything else to the SDK', () => {
    const refused: Array<[string, IncomingMessage, unknown]> = [
      ['a batch', request(), [call()]],
      ['a task-augmented call', request(), call({ name: 'echo', task: { ttl: 1000 } })],
      ['an extra top-level key', request(), call(undefined, { extra: 1 })],
      ['a fractional id', request(), { ...call(), id: 1.5 }],
      ['a numeric name', request(), call({ name: 7 })],
      ['array arguments', request(), call({ name: 'echo', arguments: [1] })],
      ['an object progress token', request(), call({ name: 'echo', _meta: { progressToken: {} } })],
      ['another method', request(), { ...call(), method: 'tools/list' }],
      ['a client that only accepts JSON', request({ ...SESSION_HEADERS, accept: 'application/json' }), call()],
      ['a form body', request({ ...SESSION_HEADERS, 'content-type': 'text/plain' }), call()],
    ];
    for (const [what, req, body] of refused) assert.equal(directToolCall(req, body), undefined, what);
  });

  it('answers initialize itself only for a handshake the SDK schema accepts', () => {
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } } };
    assert.ok(directInitialize(request(), initialize));
    assert.equal(directInitialize(request(), { ...initialize, params: { ...initialize.params, clientInfo: { name: 1 } } }), undefined);
    assert.equal(directInitialize(request(), { ...initialize, params: { ...initialize.params, capabilities: 'all' } }), undefined);
    assert.equal(directInitialize(request({ ...SESSION_HEADERS, accept: 'text/event-stream' }), initialize), undefined);
  });

  it('acknowledges only a plain notifications/initialized', () => {
    assert.ok(isDirectInitialized(request(), { jsonrpc: '2.0', method: 'notifications/initialized' }));
    assert.ok(isDirectInitialized(request(), { jsonrpc: '2.0', method: 'notifications/initialized', params: { _meta: {} } }));
    assert.equal(isDirectInitialized(request(), { jsonrpc: '2.0', id: 1, method: 'notifications/initialized' }), false);
    assert.equal(isDirectInitialized(request(), { jsonrpc: '2.0', method: 'notifications/cancelled' }), false);
  });

  it('calls a message plain only where the SDK classifier says legacy too', () => {
    const bodies = [
      call(),
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      call({ name: 'x', _meta: { progressToken: 1 } }),
      call({ name: 'x', _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } }),
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} },
      { jsonrpc: '2.0', id: 1, result: {}, method: 'x' },
    ];
    for (const body of bodies) {
      if (!isPlainSessionMessage(body)) continue;
      assert.equal(classifyInboundRequest({ httpMethod: 'POST', body }).kind, 'legacy', JSON.stringify(body));
    }
    assert.equal(isPlainSessionMessage(bodies[3]), false);
    assert.equal(isPlainSessionMessage(bodies[4]), false);
    assert.equal(isPlainSessionMessage(bodies[5]), false);
  });

  it('serves a 2026-07-28 call directly only when its standard headers match the body', () => {
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'c', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const body = call({ name: 'echo', arguments: {}, _meta: meta });
    const headers = { 'content-type': 'application/json', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo' };
    const route = (h: Record<string, string>) =>
      classifyInboundRequest({ httpMethod: 'POST', protocolVersionHeader: h['mcp-protocol-version'], mcpMethodHeader: h['mcp-method'], mcpNameHeader: h['mcp-name'], body });
    assert.ok(directModernToolCall(request(headers), route(headers)));
    const { 'mcp-name': _name, ...withoutName } = headers;
    assert.equal(directModernToolCall(request(withoutName), route(withoutName)), undefined);
    const paramHeader = { ...headers, 'mcp-param-region': 'eu' };
    assert.equal(directModernToolCall(request(paramHeader), route(paramHeader)), undefined);
    const encoded = { ...headers, 'mcp-name': '=?base64?ZWNobw==?=' };
    assert.equal(directModernToolCall(request(encoded), route(encoded)), undefined);
  });
});
