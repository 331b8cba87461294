import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonDepthExceeds } from './json-depth.js';

describe('jsonDepthExceeds', () => {
  it('counts a flat object or array as depth 1 and scalars as 0', () => {
    assert.equal(jsonDepthExceeds({ a: 1 }, 1), false);
    assert.equal(jsonDepthExceeds([1, 2], 1), false);
    assert.equal(jsonDepthExceeds('text', 0), false);
    assert.equal(jsonDepthExceeds({ a: { b: 1 } }, 1), true);
  });

  it('finds the deepest branch, in objects and arrays alike', () => {
    const value = { shallow: 1, deep: [{ x: [[{ y: 1 }]] }] };
    assert.equal(jsonDepthExceeds(value, 6), false);
    assert.equal(jsonDepthExceeds(value, 5), true);
  });

  it('walks nesting far beyond the call stack without overflowing', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    assert.equal(jsonDepthExceeds(deep, 64), true);
  });
});
