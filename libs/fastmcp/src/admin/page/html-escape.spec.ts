import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml } from './html-escape.js';

describe('escapeHtml', () => {
  it('escapes markup and both quotes', () => {
    assert.equal(escapeHtml(`<img src=x onerror="a('b')">&`), '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  });

  it('leaves plain text as it is', () => {
    assert.equal(escapeHtml('/admin/api'), '/admin/api');
  });
});
