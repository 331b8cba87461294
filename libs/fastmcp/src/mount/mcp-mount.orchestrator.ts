import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { McpConfigurationError } from '../errors/mcp-configuration.error.js';
import type { McpMountOptions } from '../interfaces/mcp-mount-options.interface.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpRegistry } from '../registry/mcp-registry.js';
import { McpHandlerFactory } from '../execution/mcp-handler.factory.js';
import { McpNotifier } from '../notifications/mcp-notifier.js';
import { mountHostClass } from './mount-host.js';
import { MountCatalog } from './mount-catalog.js';
import { MountConnection } from './mount-connection.js';
import { MountNamespace } from './mount-namespace.js';

interface Mounted {
  readonly connection: MountConnection;
  readonly catalog: MountCatalog;
}

/**
 * Owns the mounts' lifecycle: connects every mount at bootstrap (a mount that cannot connect
 * keeps retrying and never fails the app's start), closes them and stops stdio children on shutdown.
 */
@Injectable()
export class McpMountOrchestrator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly mounted = new Map<string, Mounted>();

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly registry: McpRegistry,
    private readonly handlers: McpHandlerFactory,
    private readonly notifier: McpNotifier,
  ) {
    for (const mount of options.mount ?? []) this.add(mount);
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([...this.mounted.values()].map(({ connection }) => connection.start()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.mounted.values()].map(({ connection }) => connection.stop()));
  }

  private add(mount: McpMountOptions): void {
    if (!MountNamespace.isValidPrefix(mount.prefix)) {
      throw new McpConfigurationError('McpModule', 'mount', `McpModule: mount prefix "${mount.prefix}" must start with a letter and hold letters, digits and "-" only (or be empty: the items keep their own names)`);
    }
    if (this.mounted.has(mount.prefix)) throw new McpConfigurationError('McpModule', 'mount', `McpModule: two mounts use the prefix "${mount.prefix}"`);
    const ns = new MountNamespace(mount.prefix, mountLabel(mount));
    let catalog: MountCatalog | undefined;
    const connection = new MountConnection(
      mount,
      ns.label,
      this.options.name,
      (client) => catalog!.sync(client),
      (uri) => this.notifier.resourceUpdated(ns.uri(uri)),
    );
    catalog = new MountCatalog(this.registry, ns, connection, mountHostClass(mount), (host, method) => this.handlers.forInstance(host, method));
    this.mounted.set(mount.prefix, { connection, catalog });
  }
}

function mountLabel(mount: McpMountOptions): string {
  if (mount.prefix) return mount.prefix;
  return 'url' in mount ? mount.url : [mount.command, ...(mount.args ?? [])].join(' ');
}
