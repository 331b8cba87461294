import type { ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import {
  SUPPORTED_PROTOCOL_VERSIONS,
  type AuthInfo,
  type InboundClassificationOutcome,
  type JSONRPCRequest,
  type WebStandardStreamableHTTPServerTransport,
  type WebStandardStreamableHTTPServerTransportOptions,
} from '@modelcontextprotocol/server';
import { headerValue } from '../../common/http-header.js';
import { sendJson } from '../../common/json-http-response.js';
import type { McpHttpExchange } from '../../common/mcp-http-exchange.js';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { MODERN_REVISION } from '../../common/protocol-revisions.js';
import { sdkProtocol } from '../../internals/sdk-protocol.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { McpServerFactory } from '../../server/mcp-server.factory.js';
import { isLegacyRoute } from '../../transports/streamable-http/era-classifier.js';
import type { McpHttpShortcut } from '../../transports/streamable-http/mcp-http-shortcut.js';
import type { StreamableHttpSession, StreamableHttpSessions } from '../../transports/streamable-http/streamable-http-sessions.js';
import { directInitialize, directModernToolCall, directToolCall, isDirectInitialized } from './direct-dispatch.js';
import { classifyPlainRequest } from './era-shortcut.js';
import { LightHandshake } from './light-handshake.js';
import { PerRequestHttpTransport } from './per-request-http.transport.js';
import { acceptsEnvelope, dispatchRequest } from './server-dispatch.js';
import { SessionHttpTransport } from './session-http.transport.js';

/** A request answered with nothing left to wait for. */
const DONE = Promise.resolve();

type DirectModernCall = NonNullable<ReturnType<typeof directModernToolCall>>;

/**
 * The fast path's offer to the Streamable HTTP transport: plain requests of the commonest kinds
 * served without the SDK's web `Request`/`Response` layer and its general dispatch, with the same
 * answers (`test/fast-path.e2e-spec.ts` compares them byte for byte):
 * - a plain `tools/call` of a live session, on its SDK transport (`SessionHttpTransport`);
 * - a plain 2026-07-28 `tools/call`, on a per-request server that serves `tools/call` only;
 * - a plain `initialize`, opening a session on its handshake alone (its server is made when a
 *   request needs one), and that session's `notifications/initialized`.
 * Anything else is declined: the general path serves it as the SDK would.
 */
@Injectable()
export class AcceleratedStreamableHttp implements McpHttpShortcut {
  private readonly headerBound = new WeakMap<object, boolean>();

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly servers: McpServerFactory,
    private readonly registry: McpRegistry,
    private readonly handshake: LightHandshake,
  ) {}

  classify(req: McpHttpRequest, body: unknown): InboundClassificationOutcome | undefined {
    return classifyPlainRequest(req, body);
  }

  sessionTransport(options: WebStandardStreamableHTTPServerTransportOptions): WebStandardStreamableHTTPServerTransport {
    return new SessionHttpTransport(options);
  }

  serve(
    req: McpHttpRequest,
    res: ServerResponse,
    body: unknown,
    exchange: McpHttpExchange,
    route: InboundClassificationOutcome | undefined,
    sessions: StreamableHttpSessions,
    general: () => Promise<void>,
  ): Promise<void> | undefined {
    if (isLegacyRoute(route)) return this.options.stateless ? undefined : this.serveSession(req, res, body, exchange, sessions, general);
    const direct = directModernToolCall(req, route);
    return direct ? this.serveModern(direct, req, res, exchange, general) : undefined;
  }

  private serveSession(
    req: McpHttpRequest,
    res: ServerResponse,
    body: unknown,
    exchange: McpHttpExchange,
    sessions: StreamableHttpSessions,
    general: () => Promise<void>,
  ): Promise<void> | undefined {
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId !== 'string') {
      const initialize = req.method === 'POST' ? directInitialize(req, body) : undefined;
      if (!initialize) return undefined;
      const result = this.handshake.initializeResult(initialize.params.protocolVersion);
      const session = sessions.openFromHandshake(req.user, {
        protocolVersion: result.protocolVersion,
        clientInfo: initialize.params.clientInfo,
        clientCapabilities: initialize.params.capabilities,
      });
      sendJson(res, 200, JSON.stringify({ result, jsonrpc: '2.0', id: initialize.id }), session.id);
      return DONE;
    }
    const session = sessions.find(sessionId, req.user);
    if (!session) return undefined;
    const version = headerValue(req, 'mcp-protocol-version');
    const direct = directToolCall(req, body);
    if (session.handshake) {
      if (direct) {
        // The session's first call: its server is made from the handshake, then serves it directly.
        return sessions.build(session).then((built) => (built && this.serveDirect(built, direct, req, res, body, exchange, version, sessions)) ?? general());
      }
      if (!isDirectInitialized(req, body) || (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version))) return undefined;
      // Opening the session records it as just seen: no separate "seen" write.
      sessions.opened(session, session.handshake);
      res.writeHead(202).end();
      return DONE;
    }
    return direct && this.serveDirect(session, direct, req, res, body, exchange, version, sessions);
  }

  /** A plain call on its session's transport, or `undefined` when the transport would not dispatch it. */
  private serveDirect(
    session: StreamableHttpSession,
    direct: JSONRPCRequest,
    req: McpHttpRequest,
    res: ServerResponse,
    body: unknown,
    exchange: McpHttpExchange,
    version: string | undefined,
    sessions: StreamableHttpSessions,
  ): Promise<void> | undefined {
    const { server, transport } = session;
    if (!server || !(transport instanceof SessionHttpTransport) || !transport.acceptsDirect(version)) return undefined;
    sessions.touch(session, body);
    return transport.serveDirect(direct, res, version, (req as { auth?: AuthInfo }).auth, exchange, (request, extra) => dispatchRequest(server, request, extra));
  }

  /**
   * A plain 2026-07-28 `tools/call` on a per-request server, as the SDK entry serves it but
   * without its web `Request`/`Response`. Handed back (`general`) when the tool declares
   * header-bound parameters (SEP-2243), whose checks only the entry makes, or when the envelope
   * the classification left unchecked fails the check.
   */
  private async serveModern({ message, classification, envelopeUnchecked }: DirectModernCall, req: McpHttpRequest, res: ServerResponse, exchange: McpHttpExchange, general: () => Promise<void>): Promise<void> {
    if (this.declaresHeaderParams(message.params!.name as string)) return general();
    const server = this.servers.createToolCallServer();
    sdkProtocol.serveRevision(server, MODERN_REVISION);
    const transport = new PerRequestHttpTransport(classification, res);
    await server.connect(transport);
    if (envelopeUnchecked && !acceptsEnvelope(server, message.params!._meta as Record<string, unknown>)) {
      // Refused by the check the SDK's classifier makes: the entry answers it, as it would have.
      await server.close();
      return general();
    }
    await transport.serve(message, (request, extra) => dispatchRequest(server, request, extra), (req as { auth?: AuthInfo }).auth, exchange);
  }

  /** Whether an enabled tool's input schema binds a parameter to an `Mcp-Param-*` header (SEP-2243). */
  private declaresHeaderParams(toolName: string): boolean {
    const tool = this.registry.tools.get(toolName);
    const schema = tool?.enabled ? tool.descriptor.inputSchema : undefined;
    if (!schema) return false;
    let declares = this.headerBound.get(schema);
    if (declares === undefined) {
      declares = JSON.stringify(schema).includes('"x-mcp-header"');
      this.headerBound.set(schema, declares);
    }
    return declares;
  }
}
