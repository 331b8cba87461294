import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCallToolResult } from './tool-result.mapper.js';

describe('toCallToolResult', () => {
  it('maps strings, numbers and booleans to text', () => {
    assert.deepEqual(toCallToolResult('hi', false), { content: [{ type: 'text', text: 'hi' }] });
    assert.deepEqual(toCallToolResult(42, false), { content: [{ type: 'text', text: '42' }] });
    assert.deepEqual(toCallToolResult(false, false), { content: [{ type: 'text', text: 'false' }] });
  });

  it('maps objects to JSON text, plus structuredContent when the tool declares an output', () => {
    assert.deepEqual(toCallToolResult({ a: 1 }, false), { content: [{ type: 'text', text: '{"a":1}' }] });
    assert.deepEqual(toCallToolResult({ a: 1 }, true), { content: [{ type: 'text', text: '{"a":1}' }], structuredContent: { a: 1 } });
  });

  it('passes ready results and content blocks through', () => {
    const ready = { content: [{ type: 'text' as const, text: 'x' }], isError: true };
    assert.equal(toCallToolResult(ready, false), ready);
    const image = { type: 'image', data: 'AA==', mimeType: 'image/png' };
    assert.deepEqual(toCallToolResult(image, false), { content: [image] });
    assert.deepEqual(toCallToolResult([image, image], false), { content: [image, image] });
  });

  it('maps nothing to empty content', () => {
    assert.deepEqual(toCallToolResult(undefined, false), { content: [] });
  });

  it('keeps plain arrays of data as JSON, not as content', () => {
    assert.deepEqual(toCallToolResult([1, 2], false), { content: [{ type: 'text', text: '[1,2]' }] });
  });
});
