import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { ToNodeHandlerOptions } from '@modelcontextprotocol/node';
import { createMcpHandler, type InboundClassificationOutcome, type McpHttpHandler, type ServerEventBus } from '@modelcontextprotocol/server';
import { headerValue } from '../../common/http-header.js';
import { sendJsonRpcError } from '../../common/json-http-response.js';
import { McpHttpExchange, serveThroughWebRequest } from '../../common/mcp-http-exchange.js';
import { batchRefusal } from '../../http/json-rpc-batch.js';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { MCP_EVENT_BUS } from '../../notifications/mcp-event-bus.provider.js';
import { McpListenAccess } from '../../notifications/mcp-listen-access.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { McpServerFactory } from '../../server/mcp-server.factory.js';
import { classifyEra, isLegacyRoute } from './era-classifier.js';
import { MCP_HTTP_SHORTCUT, type McpHttpShortcut } from './mcp-http-shortcut.js';
import { StreamableHttpSessions } from './streamable-http-sessions.js';

/**
 * Streamable HTTP on one endpoint for both protocol eras, by the SDK's own era classifier:
 * 2025-era traffic goes to its session (`StreamableHttpSessions`), or to the SDK's stateless
 * fallback when `stateless` is set; 2026-07-28 requests go to the SDK's per-request entry
 * (`createMcpHandler`). The fast path, when on, may take a request first (`McpHttpShortcut`).
 */
@Injectable()
export class StreamableHttpAdapter implements OnApplicationShutdown {
  private readonly logger = new Logger('McpStreamableHttp');
  private readonly entry: McpHttpHandler;
  private readonly nodeHandlerOptions: ToNodeHandlerOptions;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    servers: McpServerFactory,
    private readonly sessions: StreamableHttpSessions,
    @Inject(MCP_EVENT_BUS) bus: ServerEventBus,
    private readonly listenAccess: McpListenAccess,
    @Optional() @Inject(MCP_HTTP_SHORTCUT) private readonly shortcut?: McpHttpShortcut,
  ) {
    const onerror = (error: Error) => this.logger.debug(`Rejected request: ${error.message}`);
    this.entry = createMcpHandler((ctx) => servers.create({ era: ctx.era, transport: 'streamable-http' }), {
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
      const route = this.shortcut?.classify(req, body) ?? classifyEra(req, body);
      const general = () => this.serveGeneral(route, exchange, req, res, body);
      return this.shortcut?.serve(req, res, body, exchange, route, this.sessions, general) ?? general();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private serveGeneral(route: InboundClassificationOutcome | undefined, exchange: McpHttpExchange, req: McpHttpRequest, res: ServerResponse, body: unknown): Promise<void> {
    if (isLegacyRoute(route)) {
      if (!this.options.stateless) return this.sessions.handle(req, res, body, exchange);
      // Without a session the header names the revision; none means 2025-03-26 (spec 2025-06-18
      // basic/transports, "Protocol Version Header").
      const refusal = batchRefusal(body, headerValue(req, 'mcp-protocol-version') ?? '2025-03-26');
      if (refusal) {
        sendJsonRpcError(res, 400, -32600, refusal);
        return Promise.resolve();
      }
    }
    return this.serveEntry(exchange, req, res, body);
  }

  /** Through the SDK entry, whose per-request server finds the exchange on the web `Request` it is handed. */
  private serveEntry(exchange: McpHttpExchange, req: McpHttpRequest, res: ServerResponse, body: unknown): Promise<void> {
    if (McpListenAccess.applies(body)) {
      return this.listenAccess.narrow(body, req).then((narrowed) => serveThroughWebRequest(this.entry, exchange, req, res, narrowed, this.nodeHandlerOptions));
    }
    return serveThroughWebRequest(this.entry, exchange, req, res, body, this.nodeHandlerOptions);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.entry.close();
  }
}
