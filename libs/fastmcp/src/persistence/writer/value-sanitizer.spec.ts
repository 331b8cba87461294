import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { storableJson, storableText, truncated } from './value-sanitizer.js';

describe('value sanitizer', () => {
  it('removes NUL and replaces lone surrogates, keeping well-formed pairs', () => {
    assert.equal(storableText('a\u0000b'), 'ab');
    assert.equal(storableText('high \ud800 low \udfff'), 'high \ufffd low \ufffd');
    assert.equal(storableText('emoji \ud83d\ude00'), 'emoji \ud83d\ude00');
  });

  it('returns a clean string as it is', () => {
    const text = 'plain text';
    assert.equal(storableText(text), text);
  });

  it('cuts to the length without splitting a surrogate pair', () => {
    assert.equal(truncated('abcdef', 3), 'abc');
    assert.equal(truncated('ab\ud83d\ude00', 3), 'ab');
    assert.equal(truncated('short', 10), 'short');
  });

  it('cleans strings and keys through nested JSON, and returns clean JSON unchanged', () => {
    const clean = { a: [1, 'two', { three: true }] };
    assert.equal(storableJson(clean), clean);
    assert.deepEqual(storableJson({ 'k\u0000ey': ['x\ud800', { n: 1, s: 'ok' }], kept: 2 }), { key: ['x\ufffd', { n: 1, s: 'ok' }], kept: 2 });
  });
});
