import type { ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { McpServerFactory } from '../../server/mcp-server.factory.js';
import { McpSessionManager } from '../../sessions/mcp-session-manager.js';
import { requestedLogLevel } from '../../http/client-log-level.js';
import { sendJsonRpcError } from '../../common/json-http-response.js';
import { McpHttpExchange } from '../../common/mcp-http-exchange.js';
import { SseServerTransport } from './sse-server.transport.js';
import { SESSION_NOT_FOUND } from '../../errors/mcp.messages.js';

/** Legacy HTTP+SSE (`GET /sse`, `POST /messages?sessionId=`) for clients that predate Streamable HTTP. */
@Injectable()
export class SseAdapter {
  /** The open streams, by session id. */
  private readonly transports = new Map<string, SseServerTransport>();

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly servers: McpServerFactory,
    private readonly sessions: McpSessionManager,
  ) {}

  async open(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    // The endpoint is announced relative to where the stream was mounted (global prefix included).
    const streamPath = (req as { originalUrl?: string }).originalUrl ?? req.url ?? this.options.ssePath;
    const prefix = streamPath.split('?')[0]!.slice(0, -this.options.ssePath.length);
    const transport = new SseServerTransport(`${prefix}${this.options.sseMessagesPath}`, res);
    const { server } = this.servers.create({ era: 'legacy', transport: 'sse' });
    server.onclose = () => {
      this.transports.delete(transport.sessionId);
      this.sessions.remove(transport.sessionId, 'stream closed');
    };
    this.transports.set(transport.sessionId, transport);
    const session = this.sessions.add({ id: transport.sessionId, kind: 'sse', user: req.user }, {
      notify: (notification) => server.notification(notification),
      close: () => server.close(),
    });
    server.oninitialized = () =>
      this.sessions.opened(session, { protocolVersion: server.getNegotiatedProtocolVersion(), clientInfo: server.getClientVersion(), clientCapabilities: server.getClientCapabilities() });
    await server.connect(transport);
  }

  post(req: McpHttpRequest, res: ServerResponse): void {
    const sessionId = new URL(req.url ?? '', 'http://localhost').searchParams.get('sessionId');
    const session = sessionId ? this.sessions.find(sessionId, req.user) : undefined;
    if (!session || session.kind !== 'sse') return sendJsonRpcError(res, 404, -32001, SESSION_NOT_FOUND);
    // Read and screened already (`screenJsonBody`).
    const body = req.body;
    const level = requestedLogLevel(body);
    if (level) this.sessions.setLogLevel(session, level);
    this.transports.get(session.id)?.handlePostMessage(body, res, new McpHttpExchange(req, res));
  }
}
