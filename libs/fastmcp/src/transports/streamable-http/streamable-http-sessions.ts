import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  isInitializeRequest,
  WebStandardStreamableHTTPServerTransport,
  type EventStore,
  type HandleRequestOptions,
  type ServerNotification,
  type WebStandardStreamableHTTPServerTransportOptions,
} from '@modelcontextprotocol/server';
import { sendJsonRpcError } from '../../common/json-http-response.js';
import { serveThroughWebRequest, type McpHttpExchange } from '../../common/mcp-http-exchange.js';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { principalId } from '../../common/principal.js';
import { SESSION_ID_REQUIRED, SESSION_NOT_FOUND } from '../../errors/mcp.messages.js';
import { requestedLogLevel } from '../../http/client-log-level.js';
import { batchRefusal } from '../../http/json-rpc-batch.js';
import { McpEvents } from '../../events/mcp-events.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import type { McpSdkServer } from '../../server/mcp-sdk.server.js';
import { McpServerFactory } from '../../server/mcp-server.factory.js';
import { MCP_EVENT_STORE } from '../../sessions/mcp-event-store.provider.js';
import { McpSessionManager, type McpSession, type McpSessionChannel, type McpSessionHandshake } from '../../sessions/mcp-session-manager.js';
import { MCP_SESSION_ROUTER, type McpSessionRouter } from '../../sessions/mcp-session-router.js';
import { MCP_SESSION_STORE, MCP_SHARED_SESSION_STORE, type McpSessionStore, type McpStoredSession } from '../../sessions/mcp-session-store.js';
import { MCP_HTTP_SHORTCUT, type McpHttpShortcut } from './mcp-http-shortcut.js';
import { replayHandshake } from './session-handshake.replay.js';
import { eagerEventStream, type StreamLifetime } from './standalone-stream.js';

/** The SDK transport's id of a session's standalone (`GET`) stream. */
const STANDALONE_STREAM_ID = '_GET_stream';

/**
 * One live 2025-era session: its public record, and the SDK server and transport serving it.
 * A session known only by its handshake (resumed from a store, or opened without a server) gets
 * them from that handshake when a request first needs them.
 */
export class StreamableHttpSession implements McpSessionChannel {
  server?: McpSdkServer;
  transport?: WebStandardStreamableHTTPServerTransport;
  /** Set while the session waits for its server: what the server is made from. */
  handshake?: McpSessionHandshake;
  building?: Promise<StreamableHttpSession | undefined>;
  /** Set once registered with the session manager. */
  session?: McpSession;

  constructor(
    readonly id: string,
    readonly user: unknown,
    readonly eventStore: EventStore,
    /** Forgets the session once it has no server to close. */
    private readonly forget: (reason: string) => void,
  ) {}

  notify(notification: ServerNotification): Promise<void> {
    // No server, so no open stream: kept for replay, as the SDK transport keeps what it cannot send.
    if (!this.server) return this.eventStore.storeEvent(STANDALONE_STREAM_ID, { jsonrpc: '2.0', ...notification }).then(() => undefined);
    return this.server.notification(notification);
  }

  async close(): Promise<void> {
    if (this.server) await this.server.close();
    else this.forget('closed');
  }
}

/**
 * 2025-era Streamable HTTP sessions: opened at `initialize`, found by `Mcp-Session-Id` (and
 * its principal), one SDK server and transport each, serving every request through the SDK
 * transport. After a restart, a session the store still knows is rebuilt from its handshake.
 */
@Injectable()
export class StreamableHttpSessions {
  private readonly logger = new Logger('McpStreamableHttp');
  private readonly live = new Map<string, StreamableHttpSession>();
  /** Resumptions in flight, so concurrent requests of one resumed session share one rebuild. */
  private readonly resuming = new Map<string, Promise<void>>();
  /** The store sessions are resumed from: the one every instance shares, else the durable one. */
  private readonly store?: McpSessionStore;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly servers: McpServerFactory,
    private readonly sessions: McpSessionManager,
    @Inject(MCP_EVENT_STORE) private readonly eventStore: EventStore,
    private readonly events: McpEvents,
    @Optional() @Inject(MCP_SESSION_STORE) durableStore?: McpSessionStore,
    @Optional() @Inject(MCP_HTTP_SHORTCUT) private readonly shortcut?: McpHttpShortcut,
    @Optional() @Inject(MCP_SHARED_SESSION_STORE) sharedStore?: McpSessionStore,
    @Optional() @Inject(MCP_SESSION_ROUTER) private readonly router?: McpSessionRouter,
  ) {
    this.store = sharedStore ?? durableStore;
  }

  /** Serves one 2025-era request through its session's SDK transport. */
  async handle(req: McpHttpRequest, res: ServerResponse, body: unknown, exchange: McpHttpExchange): Promise<void> {
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      // Another instance may own the session: it is served there, never split between two.
      if (this.router && !this.live.has(sessionId) && (await this.router.forward(sessionId, req, res, body))) return;
      let found = this.find(sessionId, req.user) ?? (await this.resume(sessionId, req.user));
      // spec 2025-11-25 basic/transports "Session Management": unknown or expired ids get 404.
      if (found?.handshake) found = await this.build(found);
      if (!found?.transport) return sendJsonRpcError(res, 404, -32001, SESSION_NOT_FOUND);
      const refusal = batchRefusal(body, found.server?.getNegotiatedProtocolVersion() ?? found.session?.protocolVersion);
      if (refusal) return sendJsonRpcError(res, 400, -32600, refusal);
      this.touch(found, body);
      return this.serveTransport(found.transport, exchange, req, res, body);
    }
    if (req.method === 'POST' && isInitializeRequest(body)) return this.openSession(req, res, body, exchange);
    return sendJsonRpcError(res, 400, -32000, SESSION_ID_REQUIRED);
  }

  /** The live session with this id, if the caller owns it (marked seen). */
  find(id: string, user: unknown): StreamableHttpSession | undefined {
    const entry = this.live.get(id);
    return entry?.session && this.sessions.find(id, user) ? entry : undefined;
  }

  /** A request of a live session is arriving: the store's idle clock, and the log level it asks for. */
  touch(entry: StreamableHttpSession, body: unknown): void {
    this.store?.seen?.(entry.id);
    const level = requestedLogLevel(body);
    if (level && entry.session) this.sessions.setLogLevel(entry.session, level);
  }

  /**
   * Opens a session whose handshake is known, without an SDK server: it gets one, made from the
   * handshake, when a request first needs it. An idle session then costs a record, not a server.
   */
  openFromHandshake(user: unknown, handshake: McpSessionHandshake): StreamableHttpSession {
    const entry = this.entry(randomUUID(), user);
    entry.handshake = handshake;
    return this.register(entry);
  }

  /** The client of a session opened from its handshake finished it (`notifications/initialized`). */
  opened(entry: StreamableHttpSession, handshake: McpSessionHandshake): void {
    if (entry.session) this.sessions.opened(entry.session, handshake);
  }

  /** Gives a session known by its handshake its server and transport, once; concurrent requests share the work. */
  build(entry: StreamableHttpSession): Promise<StreamableHttpSession | undefined> {
    return (entry.building ??= this.replayInto(entry).finally(() => (entry.building = undefined)));
  }

  private register(entry: StreamableHttpSession): StreamableHttpSession {
    this.live.set(entry.id, entry);
    entry.session = this.sessions.add({ id: entry.id, kind: 'streamable-http', user: entry.user }, entry);
    this.router?.claimed(entry.id);
    if (entry.handshake) {
      entry.session.protocolVersion = entry.handshake.protocolVersion;
      entry.session.clientInfo = entry.handshake.clientInfo;
    }
    return entry;
  }

  private async openSession(req: McpHttpRequest, res: ServerResponse, body: unknown, exchange: McpHttpExchange): Promise<void> {
    const entry = this.entry(randomUUID(), req.user);
    const { server, transport } = await this.connect(entry, () => this.register(entry));
    server.oninitialized = () =>
      this.opened(entry, { protocolVersion: server.getNegotiatedProtocolVersion()!, clientInfo: server.getClientVersion()!, clientCapabilities: server.getClientCapabilities()! });
    await this.serveTransport(transport, exchange, req, res, body);
    // A failed initialize leaves no session behind.
    if (transport.sessionId === undefined) await server.close();
  }

  private async replayInto(entry: StreamableHttpSession): Promise<StreamableHttpSession | undefined> {
    const handshake = entry.handshake;
    if (!handshake) return entry;
    try {
      const { server, transport } = await this.connect(entry);
      try {
        await replayHandshake(transport, entry.id, handshake as McpStoredSession);
      } catch (error) {
        await server.close();
        throw error;
      }
      // Only now is the server ready for the session's other requests.
      entry.handshake = undefined;
      return entry;
    } catch (error) {
      this.logger.error(`Session ${entry.id} could not get its server: ${(error as Error).message}`);
      this.forget(entry, 'server failed to start');
      return undefined;
    }
  }

  /** After a restart: a session the store still knows is rebuilt instead of answering 404. */
  private async resume(sessionId: string, user: unknown): Promise<StreamableHttpSession | undefined> {
    if (!this.store) return undefined;
    // Keyed by principal too: a stranger's attempt must neither share nor spoil the owner's.
    const key = `${sessionId}\0${principalId(user) ?? ''}`;
    let pending = this.resuming.get(key);
    if (!pending) {
      pending = this.rebuild(this.store, sessionId, user).finally(() => this.resuming.delete(key));
      this.resuming.set(key, pending);
    }
    await pending;
    return this.find(sessionId, user);
  }

  private async rebuild(store: McpSessionStore, sessionId: string, user: unknown): Promise<void> {
    try {
      const stored = await store.load(sessionId);
      // Another principal's id looks exactly like an unknown one (see McpSessionManager.find).
      if (!stored || stored.principalId !== principalId(user) || this.find(sessionId, user)) return;
      const entry = this.entry(sessionId, user);
      entry.handshake = stored;
      this.register(entry);
      for (const uri of stored.subscriptions ?? []) entry.session!.subscriptions.add(uri);
      if (await this.build(entry)) this.logger.debug(`Session ${sessionId} resumed from the session store`);
    } catch (error) {
      this.logger.warn(`Session ${sessionId} could not be resumed: ${(error as Error).message}`);
    }
  }

  /** A server and transport for the session; `initialized`: once the transport accepted an `initialize`. */
  private async connect(entry: StreamableHttpSession, initialized?: () => void) {
    const { server } = this.servers.create({ era: 'legacy', transport: 'streamable-http' });
    const options: WebStandardStreamableHTTPServerTransportOptions = {
      sessionIdGenerator: () => entry.id,
      maxRequestBodySize: this.options.maxRequestBodySize,
      eventStore: entry.eventStore,
      // How long a client waits before re-polling a stream the server closed (SEP-1699).
      retryInterval: 1_000,
      onsessioninitialized: initialized,
      // Awaited by the SDK before it answers the DELETE: the store ends the session everywhere first.
      onsessionclosed: (sessionId) => this.store?.closed?.(sessionId),
    };
    const transport = this.shortcut?.sessionTransport(options) ?? new WebStandardStreamableHTTPServerTransport(options);
    server.onclose = () => this.forget(entry, 'closed by client');
    await server.connect(transport);
    entry.server = server as McpSdkServer;
    entry.transport = transport;
    return { server: server as McpSdkServer, transport };
  }

  private entry(id: string, user: unknown): StreamableHttpSession {
    const entry: StreamableHttpSession = new StreamableHttpSession(id, user, this.eventStoreOf(id), (reason) => this.forget(entry, reason));
    return entry;
  }

  private forget(entry: StreamableHttpSession, reason: string): void {
    if (this.live.get(entry.id) !== entry) return;
    this.live.delete(entry.id);
    this.router?.released(entry.id);
    this.sessions.remove(entry.id, reason);
  }

  private eventStoreOf(sessionId: string): EventStore {
    return this.store?.eventStore?.(sessionId) ?? this.eventStore;
  }

  /** Through the SDK transport, which hands each message the web `Request` the exchange is attached to. */
  private serveTransport(transport: WebStandardStreamableHTTPServerTransport, exchange: McpHttpExchange, req: McpHttpRequest, res: ServerResponse, body: unknown) {
    const face = {
      fetch: (request: Request, options?: HandleRequestOptions) =>
        request.method === 'GET'
          ? transport.handleRequest(request, options).then((response) => eagerEventStream(response, res, this.standaloneStreamLifetime(transport.sessionId)))
          : transport.handleRequest(request, options),
    };
    return serveThroughWebRequest(face, exchange, req, res, body, { maxRequestBodySize: this.options.maxRequestBodySize });
  }

  /** `stream.opened` / `stream.closed` for a session's standalone stream, when anyone listens. */
  private standaloneStreamLifetime(sessionId: string | undefined): StreamLifetime | undefined {
    if (!this.events.has('stream.opened')) return undefined;
    return {
      opened: () => this.events.emit('stream.opened', { sessionId, kind: 'standalone' }),
      closed: () => this.events.emit('stream.closed', { sessionId, kind: 'standalone' }),
    };
  }
}
