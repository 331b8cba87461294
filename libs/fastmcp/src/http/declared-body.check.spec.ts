import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { declaredBodyRefusal } from './declared-body.check.js';

const post = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('declaredBodyRefusal', () => {
  it('lets a JSON body of allowed length and coding be read', () => {
    assert.equal(declaredBodyRefusal(post({ 'content-type': 'application/json', 'content-length': '100' }), 1_000), undefined);
    assert.equal(declaredBodyRefusal(post({ 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' }), 1_000), undefined);
  });

  it('refuses another content type, or none, with 415', () => {
    assert.equal(declaredBodyRefusal(post({ 'content-type': 'text/plain' }), 1_000)?.status, 415);
    assert.equal(declaredBodyRefusal(post({}), 1_000)?.status, 415);
  });

  it('refuses a coding nothing decodes with 415, and a declared length over the limit with 413', () => {
    assert.match(declaredBodyRefusal(post({ 'content-type': 'application/json', 'content-encoding': 'zstd' }), 1_000)!.message, /Content-Encoding zstd/);
    assert.deepEqual(declaredBodyRefusal(post({ 'content-type': 'application/json', 'content-length': '1001' }), 1_000), {
      status: 413,
      code: -32600,
      message: 'Request body exceeds 1000 bytes',
    });
  });
});
