import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtocolError } from '@modelcontextprotocol/server';
import { paginate } from './pagination.js';

describe('paginate', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('walks every item across pages with opaque cursors', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { page, nextCursor } = paginate(items, cursor, 2);
      seen.push(...page);
      cursor = nextCursor;
      pages++;
    } while (cursor);
    assert.deepEqual(seen, items);
    assert.equal(pages, 3);
  });

  it('omits nextCursor on the last page', () => {
    assert.deepEqual(paginate(items, undefined, 10), { page: items });
  });

  it('rejects a cursor it did not issue with -32602', () => {
    for (const cursor of ['garbage', Buffer.from('99').toString('base64url'), Buffer.from('-1').toString('base64url')]) {
      assert.throws(() => paginate(items, cursor, 2), (error: unknown) => error instanceof ProtocolError && error.code === -32602);
    }
  });
});
