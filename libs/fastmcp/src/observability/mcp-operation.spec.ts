import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { errorTypeOf } from './mcp-operation.js';

describe('errorTypeOf', () => {
  it('is undefined for a successful result', () => {
    assert.equal(errorTypeOf({ content: [] }, undefined), undefined);
    assert.equal(errorTypeOf(undefined, undefined), undefined);
  });

  it('is tool_error for a tool result with isError', () => {
    assert.equal(errorTypeOf({ content: [], isError: true }, undefined), 'tool_error');
  });

  it('is the JSON-RPC code of a protocol error, _OTHER for anything else', () => {
    assert.equal(errorTypeOf(undefined, new ProtocolError(ProtocolErrorCode.InvalidParams, 'bad')), String(ProtocolErrorCode.InvalidParams));
    assert.equal(errorTypeOf(undefined, new Error('boom')), '_OTHER');
  });
});
