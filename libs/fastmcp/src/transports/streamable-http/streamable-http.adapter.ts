import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ToNodeHandlerOptions } from '@modelcontextprotocol/node';
import { createMcpHandler, type AuthInfo, type McpHttpHandler, type ServerEventBus } from '@modelcontextprotocol/server';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { MCP_EVENT_BUS } from '../../notifications/mcp-event-bus.provider.js';
import { McpListenAccess } from '../../notifications/mcp-listen-access.js';
import { McpServerFactory } from '../../server/mcp-server.factory.js';
import { DIRECT_MODERN_REVISION, directModernToolCall } from '../../accel/dispatch/direct-dispatch.js';
import { classifyEra, isLegacyRoute } from './era-classifier.js';
import { fastPathEnabled } from '../../accel/fast-path.js';
import { McpHttpExchange, serveThroughWebRequest } from '../../common/mcp-http-exchange.js';
import { PerRequestHttpTransport } from '../../accel/dispatch/per-request-http.transport.js';
import { StreamableHttpSessions } from './streamable-http-sessions.js';

/**
 * Streamable HTTP on one endpoint for both protocol eras, by the SDK's own era classifier:
 * 2025-era traffic goes to its session (`StreamableHttpSessions`), or to the SDK's stateless
 * fallback when `stateless` is set; 2026-07-28 requests go to the SDK's per-request entry
 * (`createMcpHandler`), plain `tools/call` ones to a per-request server directly.
 */
@Injectable()
export class StreamableHttpAdapter implements OnApplicationShutdown {
  private readonly logger = new Logger('McpStreamableHttp');
  private readonly entry: McpHttpHandler;
  private readonly nodeHandlerOptions: ToNodeHandlerOptions;
  private readonly fastPath: boolean;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly servers: McpServerFactory,
    private readonly sessions: StreamableHttpSessions,
    @Inject(MCP_EVENT_BUS) bus: ServerEventBus,
    private readonly listenAccess: McpListenAccess,
  ) {
    const onerror = (error: Error) => this.logger.debug(`Rejected request: ${error.message}`);
    this.fastPath = fastPathEnabled(options);
    if (options.fastPath !== false && !this.fastPath) this.logger.warn('This SDK build lacks what the fast path needs; every request takes the general path');
    this.entry = createMcpHandler((ctx) => this.servers.create({ era: ctx.era, transport: 'streamable-http' }), {
      legacy: options.stateless ? 'stateless' : 'reject',
      bus,
      maxRequestBodySize: options.maxRequestBodySize,
      onerror,
    });
    this.nodeHandlerOptions = { onerror, maxRequestBodySize: options.maxRequestBodySize };
  }

  /**
   * Serves one request; a POST body has been read and screened already (`screenJsonBody`).
   * Not `async`: it hands on the promise of whichever path serves the request.
   */
  handle(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    try {
      const body = req.method === 'POST' ? req.body : undefined;
      const exchange = new McpHttpExchange(req, res);
      const route = classifyEra(req, body);
      if (!this.options.stateless && isLegacyRoute(route)) return this.sessions.handle(req, res, body, exchange);
      return this.serveModern(route, exchange, req, res, body);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private async serveModern(route: ReturnType<typeof classifyEra>, exchange: McpHttpExchange, req: McpHttpRequest, res: ServerResponse, body: unknown): Promise<void> {
    const direct = this.fastPath ? directModernToolCall(req, route) : undefined;
    if (direct && (await this.serveModernDirect(direct, req, res, exchange))) return;
    await this.serveEntry(exchange, req, res, McpListenAccess.applies(body) ? await this.listenAccess.narrow(body, req) : body);
  }

  /** Through the SDK entry, whose per-request server finds the exchange on the web `Request` it is handed. */
  private serveEntry(exchange: McpHttpExchange, req: McpHttpRequest, res: ServerResponse, body: unknown): Promise<void> {
    return serveThroughWebRequest(this.entry, exchange, req, res, body, this.nodeHandlerOptions);
  }

  /**
   * A plain 2026-07-28 `tools/call` on a per-request server, as the SDK entry serves it but
   * without its web `Request`/`Response`; `false` when the tool declares header-bound
   * parameters (SEP-2243), whose checks only the entry makes, or when the envelope the
   * classification left unchecked fails the check.
   */
  private async serveModernDirect(
    { message, classification, envelopeUnchecked }: NonNullable<ReturnType<typeof directModernToolCall>>,
    req: McpHttpRequest,
    res: ServerResponse,
    exchange: McpHttpExchange,
  ): Promise<boolean> {
    if (declaresHeaderParams(this.servers.toolInputSchema(message.params!.name as string))) return false;
    const server = this.servers.createToolCallServer();
    server.serveRevision(DIRECT_MODERN_REVISION);
    const transport = new PerRequestHttpTransport(classification, res);
    await server.connect(transport);
    if (envelopeUnchecked && !server.acceptsEnvelope(message.params!._meta as Record<string, unknown>)) {
      // Refused by the check the SDK's classifier makes: the entry answers it, as it would have.
      await server.close();
      return false;
    }
    await transport.serve(message, server, (req as { auth?: AuthInfo }).auth, exchange);
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.entry.close();
  }
}

const headerParamDeclarations = new WeakMap<object, boolean>();

/** Whether a tool's input schema binds any parameter to an `Mcp-Param-*` header (SEP-2243). */
function declaresHeaderParams(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return false;
  let declares = headerParamDeclarations.get(schema);
  if (declares === undefined) {
    declares = JSON.stringify(schema).includes('"x-mcp-header"');
    headerParamDeclarations.set(schema, declares);
  }
  return declares;
}
