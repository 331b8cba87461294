import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashMcpApiKey } from './api-key.hash.js';
import { McpApiKeyStrategy } from './mcp-api-key.strategy.js';

describe('McpApiKeyStrategy', () => {
  const strategy = new McpApiKeyStrategy({
    keys: [
      { id: 'ci', hash: hashMcpApiKey('key-one'), roles: ['bot'] },
      { id: 'ops', hash: hashMcpApiKey('key-two').toUpperCase(), scopes: ['a:b'] },
    ],
  });

  it('maps a key to the principal of its record', () => {
    assert.deepEqual(strategy.validate('key-one'), { sub: 'apikey:ci', roles: ['bot'], scopes: [], via: 'api-key' });
    assert.equal(strategy.validate('key-two')?.sub, 'apikey:ops');
  });

  it('refuses unknown keys and hashes presented as keys', () => {
    assert.equal(strategy.validate('key-three'), null);
    assert.equal(strategy.validate(hashMcpApiKey('key-one')), null);
  });

  it('refuses to start with a key stored in clear', () => {
    assert.throws(() => new McpApiKeyStrategy({ keys: [{ id: 'oops', hash: 'key-one' }] }), /hashMcpApiKey/);
  });
});
