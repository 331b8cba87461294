import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UriTemplate } from '@modelcontextprotocol/server';
import { decodedVariables } from './template-variables.js';

describe('decodedVariables', () => {
  it('undoes the percent-encoding of an RFC 6570 expansion', () => {
    const template = new UriTemplate('files://{name}');
    const uri = template.expand({ name: 'a b/c' });
    assert.deepEqual(decodedVariables(template.match(uri)!), { name: 'a b/c' });
    assert.deepEqual(decodedVariables(template.match('files://a%20b')!), { name: 'a b' });
  });

  it('decodes each value of an exploded variable', () => {
    assert.deepEqual(decodedVariables({ tags: ['x%2Cy', 'z'] }), { tags: ['x,y', 'z'] });
  });

  it('refuses a malformed percent sequence, which no expansion produces', () => {
    assert.equal(decodedVariables({ name: 'a%zz' }), undefined);
  });
});
