import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { NodeStreamableHTTPServerTransport, toNodeHandler, type NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, isInitializeRequest, type EventStore, type McpHttpHandler, type ServerEventBus } from '@modelcontextprotocol/server';
import { MCP_EVENT_BUS } from '../notifications/mcp-event-bus.provider.js';
import { MCP_EVENT_STORE } from '../resumability/mcp-event-store.provider.js';
import type { McpHttpRequest } from '../execution/mcp-context.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../mcp.module-definition.js';
import { McpServerFactory } from '../server/mcp-server.factory.js';
import { McpSessionManager } from '../server/mcp-session-manager.js';
import { JsonBodyError, readJsonBody } from './json-body.reader.js';
import { sendJsonRpcError } from './json-rpc-http-error.js';
import { isLegacyEraRequest } from './era-classifier.js';
import { runInHttpExchange } from './mcp-transport-scope.js';

/**
 * Streamable HTTP on one endpoint for both protocol eras: 2026-07-28 requests go to the SDK's
 * per-request entry (`createMcpHandler`); 2025-era traffic goes to a session of its own (one
 * SDK server and transport per `Mcp-Session-Id`), or to the SDK's stateless fallback when
 * `stateless` is set. The era decision is the SDK's own classifier (see `isLegacyEraRequest`).
 */
@Injectable()
export class StreamableHttpAdapter implements OnApplicationShutdown {
  private readonly logger = new Logger('McpStreamableHttp');
  private readonly entry: McpHttpHandler;
  private readonly serveEntry: NodeMcpRequestHandler;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly servers: McpServerFactory,
    private readonly sessions: McpSessionManager,
    @Inject(MCP_EVENT_BUS) bus: ServerEventBus,
    @Inject(MCP_EVENT_STORE) private readonly eventStore: EventStore,
  ) {
    const onerror = (error: Error) => this.logger.debug(`Rejected request: ${error.message}`);
    this.entry = createMcpHandler((ctx) => this.servers.create({ era: ctx.era, transport: 'streamable-http' }), {
      legacy: options.stateless ? 'stateless' : 'reject',
      bus,
      maxRequestBodySize: options.maxRequestBodySize,
      onerror,
    });
    this.serveEntry = toNodeHandler(this.entry, { onerror, maxRequestBodySize: options.maxRequestBodySize });
  }

  async handle(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = req.method === 'POST' ? await readJsonBody(req, this.options.maxRequestBodySize) : undefined;
    } catch (error) {
      if (error instanceof JsonBodyError) return sendJsonRpcError(res, error.status, error.code, error.message);
      throw error;
    }
    await runInHttpExchange(req, res, async () => {
      if (!this.options.stateless && isLegacyEraRequest(req, body)) {
        await this.handleSessionRequest(req, res, body);
      } else {
        await this.serveEntry(req, res, body);
      }
    });
  }

  private async handleSessionRequest(req: McpHttpRequest, res: ServerResponse, body: unknown): Promise<void> {
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = this.sessions.find(sessionId, req.user);
      const transport = session?.kind === 'streamable-http' ? (session.connection as NodeStreamableHTTPServerTransport) : undefined;
      // spec 2025-11-25 basic/transports "Session Management": unknown or expired ids get 404.
      if (!transport) return sendJsonRpcError(res, 404, -32001, 'Session not found');
      return transport.handleRequest(req, res, body);
    }
    if (req.method === 'POST' && isInitializeRequest(body)) return this.openSession(req, res, body);
    return sendJsonRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
  }

  private async openSession(req: McpHttpRequest, res: ServerResponse, body: unknown): Promise<void> {
    const { server } = this.servers.create({ era: 'legacy', transport: 'streamable-http' });
    const transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.options.maxRequestBodySize,
      eventStore: this.eventStore,
      // How long a client waits before re-polling a stream the server closed (SEP-1699).
      retryInterval: 1_000,
      onsessioninitialized: (id) => {
        this.sessions.add({ id, kind: 'streamable-http', server, connection: transport, user: req.user });
      },
    });
    server.onclose = () => {
      if (transport.sessionId !== undefined) this.sessions.remove(transport.sessionId, 'closed by client');
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    // A failed initialize leaves no session behind.
    if (transport.sessionId === undefined) await server.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.entry.close();
  }
}
