import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ServerEvent, ServerEventBus } from '@modelcontextprotocol/server';
import { McpAccessGate } from '../../access/mcp-access.gate.js';
import { principalId } from '../../common/principal.js';
import { MCP_EVENT_BUS } from '../../notifications/mcp-event-bus.provider.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { RestSession } from './rest-session.js';

/** Sessions this process keeps, at most: past it, opening one answers 503 until others end. */
const MAX_SESSIONS = 10_000;

/**
 * The REST clients' sessions in this process: opened and ended by the client, bound to the
 * principal that opened them (another principal's id looks unknown), closed when idle
 * (`sessionIdleTimeoutMs`, unless an event stream is open) and at shutdown. List-changed and
 * resource-updated events from the change bus reach every session's streams; a resource update
 * only the sessions whose principal may read that resource.
 */
@Injectable()
export class McpRestSessions implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('McpRestSessions');
  private readonly sessions = new Map<string, RestSession>();
  private unsubscribe?: () => void;
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    @Inject(MCP_EVENT_BUS) private readonly bus: ServerEventBus,
    private readonly registry: McpRegistry,
    private readonly access: McpAccessGate,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((event) => this.changed(event));
    const idle = this.options.sessionIdleTimeoutMs;
    if (idle > 0) {
      this.sweeper = setInterval(() => this.closeIdle(idle), Math.min(Math.max(idle / 2, 1_000), 60_000));
      this.sweeper.unref();
    }
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
    clearInterval(this.sweeper);
    for (const session of this.sessions.values()) session.close();
    this.sessions.clear();
  }

  /** `undefined` when the process already keeps as many as it may. */
  open(user: unknown): RestSession | undefined {
    if (this.sessions.size >= MAX_SESSIONS) return undefined;
    const session = new RestSession(randomUUID(), principalId(user), user);
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session, if `user` is the principal that opened it; marks it seen. */
  find(id: string, user: unknown): RestSession | undefined {
    const session = this.sessions.get(id);
    if (!session || session.principal !== principalId(user)) return undefined;
    session.lastSeenAt = Date.now();
    return session;
  }

  close(session: RestSession): void {
    this.sessions.delete(session.id);
    session.close();
  }

  private changed(event: ServerEvent): void {
    if (event.kind !== 'resource_updated') {
      for (const session of this.sessions.values()) session.publish('list_changed', { kind: event.kind.replace('_list_changed', '') });
      return;
    }
    const resource = this.registry.resolveResource(event.uri);
    if (!resource) return;
    for (const session of this.sessions.values()) {
      if (session.streams.size === 0) continue;
      const verdict = this.access.allowsUser(resource.kind, resource.definition, session.user);
      const send = (allowed: boolean) => allowed && session.publish('resource_updated', { uri: event.uri });
      if (verdict instanceof Promise) verdict.then(send, (error: Error) => this.logger.warn(`Resource update not sent: ${error.message}`));
      else send(verdict);
    }
  }

  private closeIdle(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const session of this.sessions.values()) if (session.streams.size === 0 && session.lastSeenAt < cutoff) this.close(session);
  }
}
