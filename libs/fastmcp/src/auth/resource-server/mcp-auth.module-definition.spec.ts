import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveMcpAuthOptions } from './mcp-auth.module-definition.js';

describe('resolveMcpAuthOptions', () => {
  it('derives the path-aware RFC 9728 URL and the metadata document', () => {
    const resolved = resolveMcpAuthOptions({
      resource: 'https://api.example.com/tools/mcp#frag',
      authorizationServers: ['https://login.example.com', 'https://backup.example.com'],
      scopesSupported: ['notes:read'],
    });
    assert.equal(resolved.resource.href, 'https://api.example.com/tools/mcp');
    assert.equal(resolved.resourceMetadataUrl, 'https://api.example.com/.well-known/oauth-protected-resource/tools/mcp');
    assert.deepEqual(resolved.metadata, {
      resource: 'https://api.example.com/tools/mcp',
      authorization_servers: ['https://login.example.com', 'https://backup.example.com'],
      scopes_supported: ['notes:read'],
      bearer_methods_supported: ['header'],
    });
    assert.deepEqual(resolved.strategies, ['mcp-jwt']);
  });

  it('refuses a plain-http authorization server outside localhost', () => {
    assert.throws(
      () => resolveMcpAuthOptions({ resource: 'https://api.example.com/mcp', authorizationServers: ['http://login.example.com'] }),
      /HTTPS/,
    );
    assert.doesNotThrow(() => resolveMcpAuthOptions({ resource: 'http://localhost:3000/mcp', authorizationServers: ['http://localhost:8080'] }));
  });

  it('needs a resource and at least one authorization server', () => {
    assert.throws(() => resolveMcpAuthOptions({ resource: '', authorizationServers: ['https://a.example'] }), /resource/);
  });
});
