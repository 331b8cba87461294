import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  isInitializeRequest,
  SUPPORTED_PROTOCOL_VERSIONS,
  type AuthInfo,
  type EventStore,
  type HandleRequestOptions,
  type WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { MCP_EVENT_STORE } from '../../sessions/mcp-event-store.provider.js';
import { McpServerFactory } from '../../server/mcp-server.factory.js';
import { McpSessionManager, type McpSession } from '../../sessions/mcp-session-manager.js';
import { MCP_SESSION_STORE, type McpSessionStore, type McpStoredSession } from '../../sessions/mcp-session-store.js';
import { principalId } from '../../common/principal.js';
import { requestedLogLevel } from '../../http/client-log-level.js';
import { directInitialize, directToolCall, isDirectInitialized } from '../../accel/dispatch/direct-dispatch.js';
import { fastPathEnabled } from '../../accel/fast-path.js';
import { headerValue } from '../../common/http-header.js';
import { serveThroughWebRequest, type McpHttpExchange } from '../../common/mcp-http-exchange.js';
import { sendJson, sendJsonRpcError } from '../../common/json-http-response.js';
import { replayHandshake } from './session-handshake.replay.js';
import { SessionHttpTransport } from '../../accel/dispatch/session-http.transport.js';
import type { TaskAwareServer } from '../../server/mcp-sdk.server.js';

/** A request answered with nothing left to wait for. */
const DONE = Promise.resolve();

/**
 * 2025-era Streamable HTTP sessions: opened at `initialize`, found by `Mcp-Session-Id` (and
 * its principal), one SDK server and transport each. A plain handshake opens a session without
 * a server, which it gets from the kept handshake once a request needs one; after a restart a
 * session the store still knows is rebuilt the same way.
 */
@Injectable()
export class StreamableHttpSessions {
  private readonly logger = new Logger('McpStreamableHttp');
  private readonly fastPath: boolean;
  /** Resumptions in flight, so concurrent requests of one resumed session share one rebuild. */
  private readonly resuming = new Map<string, Promise<void>>();
  /** Sessions opened without an SDK server that are getting one. */
  private readonly materializing = new WeakMap<McpSession, Promise<McpSession | undefined>>();

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly servers: McpServerFactory,
    private readonly sessions: McpSessionManager,
    @Inject(MCP_EVENT_STORE) private readonly eventStore: EventStore,
    @Optional() @Inject(MCP_SESSION_STORE) private readonly store?: McpSessionStore,
  ) {
    this.fastPath = fastPathEnabled(options);
  }

  /**
   * Serves one 2025-era request. A request of a live session that has its server (the common
   * case) is served without an `async` frame of its own; anything else takes {@link open}.
   */
  handle(req: McpHttpRequest, res: ServerResponse, body: unknown, exchange: McpHttpExchange): Promise<void> {
    const sessionId = req.headers['mcp-session-id'];
    const live = typeof sessionId === 'string' ? this.sessions.find(sessionId, req.user) : undefined;
    if (live?.kind !== 'streamable-http' || live.handshake) return this.open(req, res, body, exchange, live);
    try {
      return this.serveLive(live, req, res, body, exchange);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A request of a session to resume, to finish opening, or to open; `found`: the session found live, if any. */
  private async open(req: McpHttpRequest, res: ServerResponse, body: unknown, exchange: McpHttpExchange, found: McpSession | undefined): Promise<void> {
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      found ??= await this.resume(sessionId, req.user);
      // spec 2025-11-25 basic/transports "Session Management": unknown or expired ids get 404.
      if (found?.kind !== 'streamable-http') return sendJsonRpcError(res, 404, -32001, 'Session not found');
      const version = headerValue(req, 'mcp-protocol-version');
      if (found.handshake && this.fastPath && isDirectInitialized(req, body) && (version === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(version))) {
        // Opening the session records it as just seen: no separate "seen" write.
        this.sessions.opened(found, found.handshake);
        res.writeHead(202).end();
        return;
      }
      const session = found.handshake ? await this.materialize(found) : found;
      if (!session) return sendJsonRpcError(res, 404, -32001, 'Session not found');
      return this.serveLive(session, req, res, body, exchange);
    }
    if (req.method === 'POST' && isInitializeRequest(body)) return this.openSession(req, res, body, exchange);
    return sendJsonRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
  }

  /** A request of a session that has its server. */
  private serveLive(session: McpSession, req: McpHttpRequest, res: ServerResponse, body: unknown, exchange: McpHttpExchange): Promise<void> {
    this.store?.seen?.(session.id);
    const transport = session.connection as SessionHttpTransport | undefined;
    if (!transport) {
      sendJsonRpcError(res, 404, -32001, 'Session not found');
      return DONE;
    }
    const level = requestedLogLevel(body);
    if (level) this.sessions.setLogLevel(session, level);
    const version = headerValue(req, 'mcp-protocol-version');
    const direct = this.fastPath ? directToolCall(req, body) : undefined;
    if (direct && transport.acceptsDirect(version)) {
      const server = session.server as TaskAwareServer;
      return transport.serveDirect(direct, res, version, (req as { auth?: AuthInfo }).auth, exchange, (request, extra) => server.dispatchRequest(request, extra));
    }
    return this.serveTransport(transport, exchange, req, res, body);
  }

  private async openSession(req: McpHttpRequest, res: ServerResponse, body: unknown, exchange: McpHttpExchange): Promise<void> {
    const initialize = this.fastPath ? directInitialize(req, body) : undefined;
    if (initialize) return this.openLightSession(initialize, req, res);
    const { server, transport } = await this.connectSession(randomUUID(), req.user);
    await this.serveTransport(transport, exchange, req, res, body);
    // A failed initialize leaves no session behind.
    if (transport.sessionId === undefined) await server.close();
  }

  /**
   * Opens a session on a plain `initialize` without an SDK server: the answer is the one a
   * session server gives, and the server is made from the kept handshake once a request needs it.
   */
  private openLightSession(initialize: NonNullable<ReturnType<typeof directInitialize>>, req: McpHttpRequest, res: ServerResponse): void {
    const id = randomUUID();
    const result = this.servers.initializeResult(initialize.params.protocolVersion);
    this.sessions.add({
      id,
      kind: 'streamable-http',
      user: req.user,
      handshake: { protocolVersion: result.protocolVersion, clientInfo: initialize.params.clientInfo, clientCapabilities: initialize.params.capabilities },
      eventStore: this.eventStoreOf(id),
    });
    sendJson(res, 200, JSON.stringify({ result, jsonrpc: '2.0', id: initialize.id }), id);
  }

  /** Gives a session opened without an SDK server its server, once; concurrent requests share the work. */
  private materialize(session: McpSession): Promise<McpSession | undefined> {
    let pending = this.materializing.get(session);
    if (!pending) {
      pending = this.connectLightSession(session).finally(() => this.materializing.delete(session));
      this.materializing.set(session, pending);
    }
    return pending;
  }

  private async connectLightSession(session: McpSession): Promise<McpSession | undefined> {
    const handshake = session.handshake;
    if (!handshake) return session;
    try {
      await this.replayInto(session.id, session.user, handshake, session);
      // Only now is the server ready for the session's other requests (see `handle`).
      session.handshake = undefined;
      return session;
    } catch (error) {
      this.logger.error(`Session ${session.id} could not get its server: ${(error as Error).message}`);
      this.sessions.remove(session.id, 'server failed to start');
      return undefined;
    }
  }

  /** A new server and transport for a session, brought to its state by replaying the client's handshake. */
  private async replayInto(sessionId: string, user: unknown, handshake: McpStoredSession, existing?: McpSession): Promise<void> {
    const { server, transport } = await this.connectSession(sessionId, user, existing);
    try {
      await replayHandshake(transport, sessionId, handshake);
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  /** After a restart: a session the store still knows is rebuilt instead of answering 404. */
  private async resume(sessionId: string, user: unknown): Promise<McpSession | undefined> {
    if (!this.store) return undefined;
    // Keyed by principal too: a stranger's attempt must neither share nor spoil the owner's.
    const key = `${sessionId}\0${principalId(user) ?? ''}`;
    let pending = this.resuming.get(key);
    if (!pending) {
      pending = this.rebuild(this.store, sessionId, user).finally(() => this.resuming.delete(key));
      this.resuming.set(key, pending);
    }
    await pending;
    return this.sessions.find(sessionId, user);
  }

  private async rebuild(store: McpSessionStore, sessionId: string, user: unknown): Promise<void> {
    try {
      const stored = await store.load(sessionId);
      // Another principal's id looks exactly like an unknown one (see McpSessionManager.find).
      if (!stored || stored.principalId !== principalId(user) || this.sessions.find(sessionId, user)) return;
      await this.replayInto(sessionId, user, stored);
      this.logger.debug(`Session ${sessionId} resumed from the session store`);
    } catch (error) {
      this.logger.warn(`Session ${sessionId} could not be resumed: ${(error as Error).message}`);
    }
  }

  /**
   * A server and transport for one session id; the session is registered once `initialize`
   * succeeds, or, for a session opened without a server (`existing`), given them.
   */
  private async connectSession(id: string, user: unknown, existing?: McpSession) {
    const { server } = this.servers.create({ era: 'legacy', transport: 'streamable-http' });
    const eventStore = existing?.eventStore ?? this.eventStoreOf(id);
    const transport = new SessionHttpTransport({
      sessionIdGenerator: () => id,
      maxRequestBodySize: this.options.maxRequestBodySize,
      eventStore,
      // How long a client waits before re-polling a stream the server closed (SEP-1699).
      retryInterval: 1_000,
      onsessioninitialized: () => {
        if (existing) this.sessions.attach(existing, server, transport);
        else this.sessions.add({ id, kind: 'streamable-http', server, connection: transport, user, eventStore });
      },
    });
    server.onclose = () => {
      if (transport.sessionId !== undefined) this.sessions.remove(transport.sessionId, 'closed by client');
    };
    await server.connect(transport);
    return { server, transport };
  }

  private eventStoreOf(sessionId: string): EventStore {
    return this.store?.eventStore?.(sessionId) ?? this.eventStore;
  }

  /** Through the SDK transport, which hands each message the web `Request` the exchange is attached to. */
  private serveTransport(transport: WebStandardStreamableHTTPServerTransport, exchange: McpHttpExchange, req: McpHttpRequest, res: ServerResponse, body: unknown) {
    const face = { fetch: (request: Request, options?: HandleRequestOptions) => transport.handleRequest(request, options) };
    return serveThroughWebRequest(face, exchange, req, res, body, { maxRequestBodySize: this.options.maxRequestBodySize });
  }
}
