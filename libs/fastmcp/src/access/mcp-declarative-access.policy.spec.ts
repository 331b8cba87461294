import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { McpRoles } from '../decorators/mcp-roles.decorator.js';
import { McpScopes } from '../decorators/mcp-scopes.decorator.js';
import type { McpAccessTarget } from '../interfaces/mcp-access-policy.interface.js';
import { McpDeclarativeAccessPolicy } from './mcp-declarative-access.policy.js';

@McpRoles('staff')
class Handlers {
  open() {}

  @McpRoles('admin', 'owner')
  adminOnly() {}

  @McpScopes('notes:read', 'notes:write')
  write() {}
}

const target = (method: keyof Handlers): McpAccessTarget => ({
  kind: 'tool',
  key: method,
  source: `Handlers.${method}`,
  handler: { class: Handlers, method: Handlers.prototype[method] },
});

describe('McpDeclarativeAccessPolicy', () => {
  const policy = new McpDeclarativeAccessPolicy();

  it('admits anyone to an item without requirements, anonymous callers included', () => {
    assert.equal(policy.canAccess({ kind: 'prompt', key: 'runtime', source: 'runtime' }, undefined), true);
  });

  it("applies the class's roles to methods that declare none", () => {
    assert.equal(policy.canAccess(target('open'), { roles: ['staff'] }), true);
    assert.equal(policy.canAccess(target('open'), { roles: ['guest'] }), false);
    assert.equal(policy.canAccess(target('open'), undefined), false);
  });

  it("lets a method's roles replace its class's, any one of them admitting", () => {
    assert.equal(policy.canAccess(target('adminOnly'), { roles: ['owner'] }), true);
    assert.equal(policy.canAccess(target('adminOnly'), { roles: 'admin' }), true);
    assert.equal(policy.canAccess(target('adminOnly'), { roles: ['staff'] }), false);
  });

  it('needs every declared scope, read from scopes, scope or scp', () => {
    const member = { roles: ['staff'] };
    assert.equal(policy.canAccess(target('write'), { ...member, scope: 'notes:read notes:write' }), true);
    assert.equal(policy.canAccess(target('write'), { ...member, scp: ['notes:read', 'notes:write'] }), true);
    assert.equal(policy.canAccess(target('write'), { ...member, scopes: ['notes:read'] }), false);
  });
});
