import { SetMetadata } from '@nestjs/common';
import type { McpHandlerRef } from '../common/mcp-catalog.types.js';
import { MCP_ROLES_METADATA, MCP_SCOPES_METADATA } from '../common/mcp.constants.js';
import { recordDefaultMcpParams } from '../decorators/mcp-default-params.js';
import type { McpContext } from '../interfaces/mcp-context.interface.js';
import type { McpMountOptions } from '../interfaces/mcp-mount-options.interface.js';
import type { McpInvoker } from '../registry/mcp-definitions.js';

/** The object a mounted item's call runs on, as a decorated method runs on its provider. */
export interface MountHost {
  forward(args: unknown, ctx: McpContext): Promise<unknown>;
}

export interface MountHostClass {
  new (target: McpInvoker): MountHost;
  /** Where the access policy reads the mount's roles and scopes. */
  readonly handlerRef: McpHandlerRef;
}

/**
 * A class standing for one mount, named `Mount_<prefix>`: the Nest pipeline runs each mounted
 * call on an instance of it (so global guards, interceptors, pipes and throttling see
 * `Mount_files.forward`), and the mount's `roles` and `scopes` are written on it as
 * `@McpRoles()` / `@McpScopes()` would write them, so the access policy decides on mounted items
 * as on decorated ones.
 */
export function mountHostClass(options: McpMountOptions): MountHostClass {
  const name = options.prefix ? `Mount_${options.prefix.replace(/-/g, '_')}` : 'Mount';
  const host = {
    [name]: class {
      constructor(private readonly target: McpInvoker) {}

      forward(args: unknown, ctx: McpContext): Promise<unknown> {
        return this.target(args, ctx);
      }
    },
  }[name]!;
  recordDefaultMcpParams(host.prototype, 'forward');
  if (options.roles?.length) SetMetadata(MCP_ROLES_METADATA, options.roles)(host);
  if (options.scopes?.length) SetMetadata(MCP_SCOPES_METADATA, options.scopes)(host);
  return Object.assign(host, { handlerRef: { class: host, method: host.prototype.forward } });
}
