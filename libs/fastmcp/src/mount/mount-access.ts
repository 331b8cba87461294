import { SetMetadata } from '@nestjs/common';
import type { McpHandlerRef } from '../common/mcp-catalog.types.js';
import { MCP_ROLES_METADATA, MCP_SCOPES_METADATA } from '../common/mcp.constants.js';
import type { McpMountOptions } from '../interfaces/mcp-mount-options.interface.js';

/**
 * A class standing for one mount where access metadata is read: the mount's `roles` and
 * `scopes` are written on it as `@McpRoles()` / `@McpScopes()` would write them, so the access
 * policy (the default one, or the app's own) decides on mounted items as on decorated ones.
 */
export function mountHandlerRef(options: McpMountOptions): McpHandlerRef {
  const name = `Mount_${options.prefix.replace(/-/g, '_')}`;
  const host = { [name]: class {} }[name]!;
  const method = function forward() {};
  if (options.roles?.length) SetMetadata(MCP_ROLES_METADATA, options.roles)(host);
  if (options.scopes?.length) SetMetadata(MCP_SCOPES_METADATA, options.scopes)(host);
  return { class: host, method };
}
