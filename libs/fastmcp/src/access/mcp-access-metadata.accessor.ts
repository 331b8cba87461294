import { Reflector } from '@nestjs/core';
import type { McpHandlerRef } from '../common/mcp-catalog.types.js';
import { MCP_ROLES_METADATA, MCP_SCOPES_METADATA } from '../common/mcp.constants.js';

/** @publicApi */
export interface McpAccessRequirements {
  /** Any one of these roles admits (empty: no role needed). */
  readonly roles: readonly string[];
  /** Every one of these scopes is needed (empty: no scope needed). */
  readonly scopes: readonly string[];
}

const NONE: McpAccessRequirements = Object.freeze({ roles: [], scopes: [] });

/**
 * The one place that reads `@McpRoles()` / `@McpScopes()`: method first, then class; cached per method.
 *
 * @publicApi
 */
export class McpAuthMetadataAccessor {
  private readonly cache = new WeakMap<Function, McpAccessRequirements>();

  constructor(private readonly reflector = new Reflector()) {}

  requirementsOf(handler: McpHandlerRef | undefined): McpAccessRequirements {
    if (!handler) return NONE;
    let requirements = this.cache.get(handler.method);
    if (!requirements) {
      const targets = [handler.method, handler.class];
      const roles = this.reflector.getAllAndOverride<string[] | undefined>(MCP_ROLES_METADATA, targets) ?? [];
      const scopes = this.reflector.getAllAndOverride<string[] | undefined>(MCP_SCOPES_METADATA, targets) ?? [];
      requirements = roles.length === 0 && scopes.length === 0 ? NONE : { roles, scopes };
      this.cache.set(handler.method, requirements);
    }
    return requirements;
  }
}
