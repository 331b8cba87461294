import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordId } from './record-id.js';

describe('recordId', () => {
  it('makes RFC 9562 version-7 UUIDs', () => {
    assert.match(recordId(), /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts in creation order, within one millisecond too', () => {
    const now = Date.now() + 1_000;
    const ids = Array.from({ length: 50 }, () => recordId(now));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });
});
