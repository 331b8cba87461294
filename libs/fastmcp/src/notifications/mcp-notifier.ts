import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServerEventBus } from '@modelcontextprotocol/server';
import { McpAccessGate } from '../access/mcp-access.gate.js';
import type { McpCatalogKind } from '../common/mcp-catalog.types.js';
import { McpRegistry } from '../registry/mcp-registry.js';
import { McpSessionManager } from '../sessions/mcp-session-manager.js';
import { MCP_EVENT_BUS } from './mcp-event-bus.provider.js';

const LIST_CHANGED_EVENT = {
  tool: 'tools_list_changed',
  prompt: 'prompts_list_changed',
  resource: 'resources_list_changed',
  resourceTemplate: 'resources_list_changed',
} as const;

const LIST_CHANGED_METHOD = {
  tool: 'notifications/tools/list_changed',
  prompt: 'notifications/prompts/list_changed',
  resource: 'notifications/resources/list_changed',
  resourceTemplate: 'notifications/resources/list_changed',
} as const;

/**
 * Tells clients that something changed, in the form each era expects: server notifications
 * on legacy sessions (to the subscribers of a resource only), events on the bus that
 * 2026-07-28 `subscriptions/listen` streams filter per subscription.
 *
 * @publicApi
 */
@Injectable()
export class McpNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('McpNotifier');
  private unsubscribe?: () => void;

  constructor(
    private readonly registry: McpRegistry,
    private readonly sessions: McpSessionManager,
    @Inject(MCP_EVENT_BUS) private readonly bus: ServerEventBus,
    private readonly access: McpAccessGate,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.registry.onChange((kind) => this.listChanged(kind));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * Sends `notifications/resources/updated` to the clients subscribed to `uri` that may still
   * read it (the access policy is asked again: a principal's roles may have changed since it
   * subscribed). 2026-07-28 `subscriptions/listen` streams only ever subscribed to resources
   * their caller could read (`McpListenAccess`).
   */
  resourceUpdated(uri: string): void {
    const resource = this.registry.resolveResource(uri);
    for (const session of this.sessions.all()) {
      if (!resource || !session.subscriptions.has(uri)) continue;
      const send = (allowed: boolean) => {
        if (allowed) this.sessions.notify(session, { method: 'notifications/resources/updated', params: { uri } }).catch((error: Error) => this.failed(error));
      };
      const verdict = this.access.allowsUser(resource.kind, resource.definition, session.user);
      if (verdict instanceof Promise) verdict.then(send, (error: Error) => this.failed(error));
      else send(verdict);
    }
    this.bus.publish({ kind: 'resource_updated', uri });
  }

  /** Sends the list_changed notification of a catalog kind to every client. */
  listChanged(kind: McpCatalogKind): void {
    for (const session of this.sessions.all()) {
      this.sessions.notify(session, { method: LIST_CHANGED_METHOD[kind] }).catch((error: Error) => this.failed(error));
    }
    this.bus.publish({ kind: LIST_CHANGED_EVENT[kind] });
  }

  private failed(error: Error): void {
    this.logger.debug(`Notification not delivered: ${error.message}`);
  }
}
