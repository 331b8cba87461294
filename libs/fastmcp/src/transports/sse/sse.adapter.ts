import type { ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { McpEvents } from '../../events/mcp-events.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { McpServerFactory } from '../../server/mcp-server.factory.js';
import { McpSessionManager } from '../../sessions/mcp-session-manager.js';
import { requestedLogLevel } from '../../http/client-log-level.js';
import { sendJsonRpcError } from '../../common/json-http-response.js';
import { McpHttpExchange } from '../../common/mcp-http-exchange.js';
import { SseServerTransport } from './sse-server.transport.js';
import { SERVER_NOT_INITIALIZED, SESSION_NOT_FOUND } from '../../errors/mcp.messages.js';
import { batchRefusal } from '../../http/json-rpc-batch.js';
import type { McpSdkServer } from '../../server/mcp-sdk.server.js';

/** Legacy HTTP+SSE (`GET /sse`, `POST /messages?sessionId=`) for clients that predate Streamable HTTP. */
@Injectable()
export class SseAdapter {
  /** The open streams and their servers, by session id. */
  private readonly streams = new Map<string, { transport: SseServerTransport; server: McpSdkServer }>();

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly servers: McpServerFactory,
    private readonly sessions: McpSessionManager,
    private readonly events: McpEvents,
  ) {}

  async open(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    // The endpoint is announced relative to where the stream was mounted (global prefix included).
    const streamPath = (req as { originalUrl?: string }).originalUrl ?? req.url ?? this.options.ssePath;
    const prefix = streamPath.split('?')[0]!.slice(0, -this.options.ssePath.length);
    const transport = new SseServerTransport(`${prefix}${this.options.sseMessagesPath}`, res);
    const { server } = this.servers.create({ era: 'legacy', transport: 'sse' });
    server.onclose = () => {
      this.streams.delete(transport.sessionId);
      this.sessions.remove(transport.sessionId, 'stream closed');
      this.events.emit('stream.closed', { sessionId: transport.sessionId, kind: 'sse' });
    };
    this.streams.set(transport.sessionId, { transport, server: server as McpSdkServer });
    const session = this.sessions.add({ id: transport.sessionId, kind: 'sse', user: req.user }, {
      notify: (notification) => server.notification(notification),
      close: () => server.close(),
    });
    server.oninitialized = () =>
      this.sessions.opened(session, { protocolVersion: server.getNegotiatedProtocolVersion(), clientInfo: server.getClientVersion(), clientCapabilities: server.getClientCapabilities() });
    this.events.emit('stream.opened', { sessionId: transport.sessionId, kind: 'sse' });
    await server.connect(transport);
  }

  post(req: McpHttpRequest, res: ServerResponse): void {
    const sessionId = new URL(req.url ?? '', 'http://localhost').searchParams.get('sessionId');
    const session = sessionId ? this.sessions.find(sessionId, req.user) : undefined;
    if (!session || session.kind !== 'sse') return sendJsonRpcError(res, 404, -32001, SESSION_NOT_FOUND);
    const stream = this.streams.get(session.id);
    if (!stream) return sendJsonRpcError(res, 404, -32001, SESSION_NOT_FOUND);
    // Read and screened already (`screenJsonBody`).
    const body = req.body;
    const { server, transport } = stream;
    // As the Streamable HTTP session transport answers a session not yet initialized.
    if (!server.getClientVersion() && !onlyHandshake(body)) return sendJsonRpcError(res, 400, -32000, SERVER_NOT_INITIALIZED);
    const refusal = batchRefusal(body, server.getNegotiatedProtocolVersion());
    if (refusal) return sendJsonRpcError(res, 400, -32600, refusal);
    const level = requestedLogLevel(body);
    if (level) this.sessions.setLogLevel(session, level);
    transport.handlePostMessage(body, res, new McpHttpExchange(req, res));
  }
}

/**
 * Whether a body sent before the session's `initialize` was served holds only what may come
 * first: `initialize` itself, and pings (spec basic/lifecycle, "Initialization": the client
 * SHOULD NOT send requests other than pings before the server has responded to initialize).
 */
function onlyHandshake(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body];
  return messages.length > 0 && messages.every((message) => {
    const method = (message as { method?: unknown } | null)?.method;
    return method === 'initialize' || method === 'ping';
  });
}
