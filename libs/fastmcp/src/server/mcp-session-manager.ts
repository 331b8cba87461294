import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Server, Transport } from '@modelcontextprotocol/server';
import type { McpTransportKind } from '../interfaces/mcp-module-options.interface.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../mcp.module-definition.js';
import type { McpCatalogKind } from '../registry/mcp-definitions.js';
import { McpRegistry } from '../registry/mcp-registry.js';

export interface McpSession {
  readonly id: string;
  readonly kind: McpTransportKind;
  readonly server: Server;
  /** The SDK transport the session's server is connected to. */
  readonly connection: Transport;
  lastSeenAt: number;
}

/**
 * Legacy-era sessions (one SDK server each): found by id, closed on DELETE, idle timeout and
 * shutdown, and told when the catalog changes.
 */
@Injectable()
export class McpSessionManager implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('McpSessions');
  private readonly sessions = new Map<string, McpSession>();
  private sweeper?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly registry: McpRegistry,
  ) {}

  onModuleInit(): void {
    const idle = this.options.sessionIdleTimeoutMs;
    if (idle > 0) {
      this.sweeper = setInterval(() => this.closeIdle(idle), Math.min(Math.max(idle / 2, 1_000), 60_000));
      this.sweeper.unref();
    }
    this.unsubscribe = this.registry.onChange((kind) => this.notifyListChanged(kind));
  }

  add(session: McpSession): void {
    this.sessions.set(session.id, session);
    this.logger.debug(`Session ${session.id} opened over ${session.kind} (${this.sessions.size} open)`);
  }

  /** Returns the session and marks it as seen now. */
  get(id: string): McpSession | undefined {
    const session = this.sessions.get(id);
    if (session) session.lastSeenAt = Date.now();
    return session;
  }

  /** Forgets a session its transport already closed. */
  remove(id: string): void {
    if (this.sessions.delete(id)) this.logger.debug(`Session ${id} closed (${this.sessions.size} open)`);
  }

  async close(id: string, reason: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.logger.debug(`Closing session ${id}: ${reason}`);
    await session.server.close().catch((error: Error) => this.logger.warn(`Closing session ${id} failed: ${error.message}`));
  }

  get size(): number {
    return this.sessions.size;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    this.unsubscribe?.();
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id, 'shutdown')));
  }

  private closeIdle(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const session of this.sessions.values()) {
      if (session.lastSeenAt < cutoff) void this.close(session.id, 'idle timeout');
    }
  }

  private notifyListChanged(kind: McpCatalogKind): void {
    for (const { server } of this.sessions.values()) {
      const sent =
        kind === 'tool' ? server.sendToolListChanged() : kind === 'prompt' ? server.sendPromptListChanged() : server.sendResourceListChanged();
      sent.catch(() => undefined);
    }
  }
}
