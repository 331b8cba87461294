import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ClientCapabilities, Implementation, ServerNotification } from '@modelcontextprotocol/server';
import { principalKey } from '../common/principal.js';
import type { McpTransportKind } from '../common/mcp-transport-kind.js';
import type { McpEventMap } from '../events/mcp-event-map.js';
import { McpEvents } from '../events/mcp-events.js';
import type { McpLogLevel } from '../interfaces/mcp-context.interface.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpRequestsInFlight } from './mcp-requests-in-flight.js';

/** What a client said at `initialize`. */
export interface McpSessionHandshake {
  /** The revision negotiated. */
  readonly protocolVersion: string;
  readonly clientInfo: Implementation;
  readonly clientCapabilities: ClientCapabilities;
}

/**
 * One legacy-era (2025) session, as the app sees it.
 *
 * @publicApi
 */
export interface McpSession {
  readonly id: string;
  readonly kind: McpTransportKind;
  /** The principal (`req.user`) that opened the session; every later request must present the same one. */
  readonly user: unknown;
  /** URIs the client subscribed to with `resources/subscribe`. */
  readonly subscriptions: Set<string>;
  /** The revision and client of the handshake, once the client has finished it. */
  protocolVersion?: string;
  clientInfo?: Implementation;
  lastSeenAt: number;
}

/** How a session's client is reached: given by the transport that serves the session. */
export interface McpSessionChannel {
  /** Sends a notification to the client (or keeps it for the client to fetch). */
  notify(notification: ServerNotification): Promise<void>;
  /** Ends the session's server and transport. */
  close(): Promise<void>;
}

/**
 * Legacy-era sessions: found by id (and principal), closed on DELETE, idle timeout and
 * shutdown, and reached through the channel their transport gave (change notifications).
 *
 * @publicApi
 */
@Injectable()
export class McpSessionManager implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('McpSessions');
  private readonly sessions = new Map<string, McpSession>();
  private readonly channels = new Map<string, McpSessionChannel>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly events: McpEvents,
    private readonly inFlight: McpRequestsInFlight,
  ) {}

  onModuleInit(): void {
    const idle = this.options.sessionIdleTimeoutMs;
    if (idle > 0) {
      this.sweeper = setInterval(() => this.closeIdle(idle), Math.min(Math.max(idle / 2, 1_000), 60_000));
      this.sweeper.unref();
    }
  }

  /** Registers a session its transport opened; `channel` is how it is reached and closed. */
  add(session: Pick<McpSession, 'id' | 'kind' | 'user'>, channel: McpSessionChannel): McpSession {
    const entry: McpSession = { id: session.id, kind: session.kind, user: session.user, subscriptions: new Set(), lastSeenAt: Date.now() };
    this.sessions.set(entry.id, entry);
    this.channels.set(entry.id, channel);
    this.logger.debug(`Session ${entry.id} opened over ${entry.kind} (${this.sessions.size} open)`);
    return entry;
  }

  /** The client finished the handshake (`notifications/initialized`). */
  opened(session: McpSession, handshake: Pick<McpEventMap['session.opened'], 'protocolVersion' | 'clientInfo' | 'clientCapabilities'>): void {
    session.protocolVersion = handshake.protocolVersion;
    session.clientInfo = handshake.clientInfo;
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

  /** Sends a notification to a session's client. */
  notify(session: McpSession, notification: ServerNotification): Promise<void> {
    return this.channels.get(session.id)?.notify(notification) ?? Promise.resolve();
  }

  /** Reports the level the session's client asked for; the SDK applies it, privately. */
  setLogLevel(session: McpSession, level: McpLogLevel): void {
    this.events.emit('session.logLevel', { sessionId: session.id, level });
  }

  /** The session's client subscribed to `uri` (`resources/subscribe`). */
  subscribe(session: McpSession, uri: string): void {
    if (session.subscriptions.has(uri)) return;
    session.subscriptions.add(uri);
    this.events.emit('session.subscribed', { sessionId: session.id, uri });
  }

  /** The session's client unsubscribed from `uri`. */
  unsubscribe(session: McpSession, uri: string): void {
    if (session.subscriptions.delete(uri)) this.events.emit('session.unsubscribed', { sessionId: session.id, uri });
  }

  /** Forgets a session its transport already closed. */
  remove(id: string, reason = 'closed by transport'): void {
    if (!this.sessions.delete(id)) return;
    this.channels.delete(id);
    this.logger.debug(`Session ${id} closed: ${reason} (${this.sessions.size} open)`);
    this.events.emit('session.closed', { sessionId: id, reason });
  }

  async close(id: string, reason: string): Promise<void> {
    const channel = this.channels.get(id);
    if (!this.sessions.has(id)) return;
    this.remove(id, reason);
    await channel?.close().catch((error: Error) => this.logger.warn(`Closing session ${id} failed: ${error.message}`));
  }

  get size(): number {
    return this.sessions.size;
  }

  // Before, not on, shutdown: open SSE streams would otherwise keep the HTTP server from closing.
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    // Calls in flight finish first; then streams end (clients reconnect, elsewhere behind a balancer).
    if (this.inFlight.size > 0) {
      this.logger.log(`Waiting for ${this.inFlight.size} request(s) in flight before closing ${this.sessions.size} session(s)`);
      await this.inFlight.idle();
    }
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id, 'shutdown')));
  }

  private closeIdle(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const session of this.sessions.values()) {
      if (session.lastSeenAt < cutoff) void this.close(session.id, 'idle timeout');
    }
  }
}
