import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('returns entries newest first', () => {
    const buffer = new RingBuffer<number>(5);
    [1, 2, 3].forEach((n) => buffer.push(n));
    assert.deepEqual(buffer.newest(10), [3, 2, 1]);
  });

  it('keeps only the last `capacity` entries', () => {
    const buffer = new RingBuffer<number>(3);
    [1, 2, 3, 4, 5].forEach((n) => buffer.push(n));
    assert.equal(buffer.size, 3);
    assert.deepEqual(buffer.newest(10), [5, 4, 3]);
  });

  it('stops at the limit asked for', () => {
    const buffer = new RingBuffer<number>(4);
    [1, 2, 3, 4].forEach((n) => buffer.push(n));
    assert.deepEqual(buffer.newest(2), [4, 3]);
  });
});
