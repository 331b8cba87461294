import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROTOCOL_VERSION_META_KEY, CLIENT_CAPABILITIES_META_KEY, type JSONRPCRequest } from '@modelcontextprotocol/server';
import { liftPlainToolCall } from './tool-call-lift.js';

const call = (params: Record<string, unknown>): JSONRPCRequest => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params });

describe('liftPlainToolCall', () => {
  it('hands back a call with no envelope as it is', () => {
    const request = call({ name: 'echo', arguments: { text: 'x' }, _meta: { progressToken: 7 } });
    assert.equal(liftPlainToolCall(request)?.request, request);
    assert.equal(liftPlainToolCall(request)?.envelope, undefined);
  });

  it('lifts the envelope out of _meta, keeping the other keys where they were', () => {
    const request = call({ _meta: { progressToken: 7, [PROTOCOL_VERSION_META_KEY]: '2026-07-28', [CLIENT_CAPABILITIES_META_KEY]: {} }, name: 'echo' });
    const lifted = liftPlainToolCall(request)!;
    assert.deepEqual(lifted.envelope, { [PROTOCOL_VERSION_META_KEY]: '2026-07-28', [CLIENT_CAPABILITIES_META_KEY]: {} });
    assert.deepEqual(Object.keys(lifted.request.params!), ['_meta', 'name']);
    assert.deepEqual(lifted.request.params!._meta, { progressToken: 7 });
    // The request as received is left alone.
    assert.ok(PROTOCOL_VERSION_META_KEY in (request.params!._meta as object));
  });

  it('drops a _meta that held the envelope only', () => {
    const lifted = liftPlainToolCall(call({ name: 'echo', _meta: { [PROTOCOL_VERSION_META_KEY]: '2026-07-28' } }))!;
    assert.deepEqual(lifted.request.params, { name: 'echo' });
  });

  it('leaves multi-round-trip retries, odd shapes and other methods to the SDK', () => {
    assert.equal(liftPlainToolCall(call({ name: 'echo', requestState: 's' })), undefined);
    assert.equal(liftPlainToolCall(call({ name: 'echo', inputResponses: {} })), undefined);
    assert.equal(liftPlainToolCall(call({ name: 'echo', _meta: [] })), undefined);
    assert.equal(liftPlainToolCall({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), undefined);
  });
});
