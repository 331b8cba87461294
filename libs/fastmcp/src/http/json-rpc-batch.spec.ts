import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchRefusal } from './json-rpc-batch.js';

const ping = (id: number | string) => ({ jsonrpc: '2.0', id, method: 'ping' });

describe('batchRefusal', () => {
  it('lets a single message through under any revision', () => {
    assert.equal(batchRefusal(ping(1), '2025-11-25'), undefined);
  });

  it('refuses a batch under 2025-06-18 and later, which removed batching', () => {
    assert.match(batchRefusal([ping(1)], '2025-06-18')!, /not allowed in protocol version 2025-06-18/);
    assert.match(batchRefusal([ping(1)], '2025-11-25')!, /not allowed in protocol version 2025-11-25/);
  });

  it('serves a batch under 2025-03-26 whose requests have distinct ids', () => {
    assert.equal(batchRefusal([ping(1), ping('1'), { jsonrpc: '2.0', method: 'notifications/initialized' }], '2025-03-26'), undefined);
  });

  it('refuses a batch with two requests of the same id', () => {
    assert.match(batchRefusal([ping(1), ping(1)], '2025-03-26')!, /two requests with id 1/);
  });
});
