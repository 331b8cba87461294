import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestedLogLevel } from './client-log-level.js';

describe('requestedLogLevel', () => {
  it('reads the level of a logging/setLevel request, alone or in a batch', () => {
    assert.equal(requestedLogLevel({ jsonrpc: '2.0', id: 1, method: 'logging/setLevel', params: { level: 'error' } }), 'error');
    assert.equal(requestedLogLevel([{ method: 'ping' }, { method: 'logging/setLevel', params: { level: 'debug' } }]), 'debug');
  });

  it('ignores other requests and levels the spec does not define', () => {
    assert.equal(requestedLogLevel({ method: 'tools/list' }), undefined);
    assert.equal(requestedLogLevel({ method: 'logging/setLevel', params: { level: 'verbose' } }), undefined);
    assert.equal(requestedLogLevel(undefined), undefined);
  });
});
