import { McpAccessPolicy, type McpAccessTarget } from '../interfaces/mcp-access-policy.interface.js';
import { McpAuthMetadataAccessor } from './mcp-access-metadata.accessor.js';
import { rolesOf, scopesOf } from './mcp-principal.js';

/**
 * The default policy: an item with `@McpRoles()` needs one of those roles, one with
 * `@McpScopes()` needs all of those scopes; anything else is open to every caller the
 * endpoint's guards let in. Extend it to read roles or scopes from another claim.
 *
 * @publicApi
 */
export class McpDeclarativeAccessPolicy extends McpAccessPolicy {
  protected readonly metadata = new McpAuthMetadataAccessor();

  canAccess(target: McpAccessTarget, user: unknown): boolean {
    const { roles, scopes } = this.metadata.requirementsOf(target.handler);
    if (roles.length > 0) {
      const held = new Set(this.rolesOf(user));
      if (!roles.some((role) => held.has(role))) return false;
    }
    if (scopes.length > 0) {
      const held = new Set(this.scopesOf(user));
      if (!scopes.every((scope) => held.has(scope))) return false;
    }
    return true;
  }

  protected rolesOf(user: unknown): readonly string[] {
    return rolesOf(user);
  }

  protected scopesOf(user: unknown): readonly string[] {
    return scopesOf(user);
  }
}
