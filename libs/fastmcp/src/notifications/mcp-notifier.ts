import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServerEvent, ServerEventBus } from '@modelcontextprotocol/server';
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
  tools_list_changed: 'notifications/tools/list_changed',
  prompts_list_changed: 'notifications/prompts/list_changed',
  resources_list_changed: 'notifications/resources/list_changed',
} as const;

/**
 * Tells clients that something changed, in the form each era expects: events on the bus that
 * 2026-07-28 `subscriptions/listen` streams filter per subscription, and server notifications to
 * legacy sessions (to the subscribers of a resource only), sent when the same event comes back
 * from the bus. With a bus shared by several instances (the Redis module's), a change published
 * on any instance so reaches the legacy sessions each instance serves.
 *
 * @publicApi
 */
@Injectable()
export class McpNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('McpNotifier');
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly registry: McpRegistry,
    private readonly sessions: McpSessionManager,
    @Inject(MCP_EVENT_BUS) private readonly bus: ServerEventBus,
    private readonly access: McpAccessGate,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.registry.onChange((kind) => this.listChanged(kind)),
      this.bus.subscribe((event) => this.toSessions(event)),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
  }

  /**
   * Sends `notifications/resources/updated` to the clients subscribed to `uri` that may still
   * read it (the access policy is asked again: a principal's roles may have changed since it
   * subscribed). 2026-07-28 `subscriptions/listen` streams only ever subscribed to resources
   * their caller could read (`McpListenAccess`).
   */
  resourceUpdated(uri: string): void {
    this.bus.publish({ kind: 'resource_updated', uri });
  }

  /** Sends the list_changed notification of a catalog kind to every client. */
  listChanged(kind: McpCatalogKind): void {
    this.bus.publish({ kind: LIST_CHANGED_EVENT[kind] });
  }

  /** A change event from the bus, told to the legacy sessions this process serves. */
  private toSessions(event: ServerEvent): void {
    if (event.kind === 'resource_updated') this.toSubscribers(event.uri);
    else for (const session of this.sessions.all()) this.sessions.notify(session, { method: LIST_CHANGED_METHOD[event.kind] }).catch((error: Error) => this.failed(error));
  }

  private toSubscribers(uri: string): void {
    const resource = this.registry.resolveResource(uri);
    if (!resource) return;
    for (const session of this.sessions.all()) {
      if (!session.subscriptions.has(uri)) continue;
      const send = (allowed: boolean) => {
        if (allowed) this.sessions.notify(session, { method: 'notifications/resources/updated', params: { uri } }).catch((error: Error) => this.failed(error));
      };
      const verdict = this.access.allowsUser(resource.kind, resource.definition, session.user);
      if (verdict instanceof Promise) verdict.then(send, (error: Error) => this.failed(error));
      else send(verdict);
    }
  }

  private failed(error: Error): void {
    this.logger.debug(`Notification not delivered: ${error.message}`);
  }
}
