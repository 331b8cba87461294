import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ClientCapabilities, EventStore, Implementation, Server, Transport } from '@modelcontextprotocol/server';
import type { McpLogLevel } from '../interfaces/mcp-context.interface.js';
import type { McpTransportKind } from '../common/mcp-transport-kind.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpEvents } from '../events/mcp-events.js';
import type { McpEventMap } from '../events/mcp-event-map.js';
import { principalKey } from '../common/principal.js';

/** What the client said at `initialize`, kept by a session that has no SDK server yet. */
export interface McpSessionHandshake {
  /** The revision negotiated. */
  readonly protocolVersion: string;
  readonly clientInfo: Implementation;
  readonly clientCapabilities: ClientCapabilities;
}

export interface McpSession {
  readonly id: string;
  readonly kind: McpTransportKind;
  /**
   * The session's SDK server and the transport it is connected to. A Streamable HTTP session
   * opened by a plain handshake has neither until a request needs them (see
   * `StreamableHttpSessions`): an idle session costs a record, not a server.
   */
  server?: Server;
  connection?: Transport;
  /** Set until the session's server is built and has replayed it: what that server is made from. */
  handshake?: McpSessionHandshake;
  /** Where its SSE events are kept for `Last-Event-ID` replay, server or not. */
  readonly eventStore?: EventStore;
  /** The principal (`req.user`) that opened the session; every later request must present the same one. */
  readonly user: unknown;
  /** URIs the client subscribed to with `resources/subscribe`. */
  readonly subscriptions: Set<string>;
  lastSeenAt: number;
}


/**
 * Legacy-era sessions (one SDK server each): found by id, closed on DELETE, idle timeout and
 * shutdown, and told when the catalog changes.
 */
@Injectable()
export class McpSessionManager implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('McpSessions');
  private readonly sessions = new Map<string, McpSession>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly events: McpEvents,
  ) {}

  onModuleInit(): void {
    const idle = this.options.sessionIdleTimeoutMs;
    if (idle > 0) {
      this.sweeper = setInterval(() => this.closeIdle(idle), Math.min(Math.max(idle / 2, 1_000), 60_000));
      this.sweeper.unref();
    }
  }

  add(session: Omit<McpSession, 'subscriptions' | 'lastSeenAt'>): McpSession {
    const entry: McpSession = { ...session, subscriptions: new Set(), lastSeenAt: Date.now() };
    this.sessions.set(session.id, entry);
    if (session.server && session.connection) this.attach(entry, session.server, session.connection);
    this.logger.debug(`Session ${session.id} opened over ${session.kind} (${this.sessions.size} open)`);
    return entry;
  }

  /**
   * Gives a session its SDK server (made at `initialize`, or later for a session opened without
   * one, which keeps its `handshake` until the server has replayed it).
   */
  attach(session: McpSession, server: Server, connection: Transport): void {
    session.server = server;
    session.connection = connection;
    // Client info is known once the handshake completes, not when the id is minted.
    server.oninitialized = () =>
      this.opened(session, {
        protocolVersion: server.getNegotiatedProtocolVersion(),
        clientInfo: server.getClientVersion(),
        clientCapabilities: server.getClientCapabilities(),
      });
  }

  /** The client finished the handshake (`notifications/initialized`). */
  opened(session: McpSession, handshake: Pick<McpEventMap['session.opened'], 'protocolVersion' | 'clientInfo' | 'clientCapabilities'>): void {
    this.events.emit('session.opened', { sessionId: session.id, transport: session.kind, ...handshake, user: session.user });
  }

  /**
   * The session with this id, if the caller is the principal that opened it; marks it seen.
   * A mismatch looks exactly like an unknown id, so ids cannot be probed or hijacked.
   */
  find(id: string, user: unknown): McpSession | undefined {
    const session = this.sessions.get(id);
    if (!session || principalKey(session.user) !== principalKey(user)) return undefined;
    session.lastSeenAt = Date.now();
    return session;
  }

  /** The session with this id, without an ownership check: for the server's own bookkeeping. */
  peek(id: string | undefined): McpSession | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  all(): IterableIterator<McpSession> {
    return this.sessions.values();
  }

  /** Reports the level the session's client asked for; the SDK applies it, privately. */
  setLogLevel(session: McpSession, level: McpLogLevel): void {
    this.events.emit('session.logLevel', { sessionId: session.id, level });
  }

  /** Forgets a session its transport already closed. */
  remove(id: string, reason = 'closed by transport'): void {
    if (!this.sessions.delete(id)) return;
    this.logger.debug(`Session ${id} closed: ${reason} (${this.sessions.size} open)`);
    this.events.emit('session.closed', { sessionId: id, reason });
  }

  async close(id: string, reason: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.remove(id, reason);
    await session.server?.close().catch((error: Error) => this.logger.warn(`Closing session ${id} failed: ${error.message}`));
  }

  get size(): number {
    return this.sessions.size;
  }

  // Before, not on, shutdown: open SSE streams would otherwise keep the HTTP server from closing.
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id, 'shutdown')));
  }

  private closeIdle(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const session of this.sessions.values()) {
      if (session.lastSeenAt < cutoff) void this.close(session.id, 'idle timeout');
    }
  }
}
