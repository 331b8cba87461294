import type { ServerResponse } from 'node:http';
import type {
  InboundClassificationOutcome,
  WebStandardStreamableHTTPServerTransport,
  WebStandardStreamableHTTPServerTransportOptions,
} from '@modelcontextprotocol/server';
import type { McpHttpExchange } from '../../common/mcp-http-exchange.js';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import type { StreamableHttpSessions } from './streamable-http-sessions.js';

/** Injection token of the fast path's offer to the Streamable HTTP transport; absent with `fastPath: false`. */
export const MCP_HTTP_SHORTCUT = Symbol('MCP_HTTP_SHORTCUT');

/**
 * All the Streamable HTTP transport knows of the fast path. Each member answers, or declines and
 * leaves the request to the general path (the SDK's transports and entry, as they are).
 */
export interface McpHttpShortcut {
  /** The SDK's era decision for a request (`classifyInboundRequest`), when a cheaper check settles it; `undefined`: ask the SDK. */
  classify(req: McpHttpRequest, body: unknown): InboundClassificationOutcome | undefined;
  /**
   * Serves a request ahead of the general path (a plain call, a plain handshake), or declines
   * with `undefined`. `general` serves it the general way: for a request taken up, then handed back.
   */
  serve(
    req: McpHttpRequest,
    res: ServerResponse,
    body: unknown,
    exchange: McpHttpExchange,
    route: InboundClassificationOutcome | undefined,
    sessions: StreamableHttpSessions,
    general: () => Promise<void>,
  ): Promise<void> | undefined;
  /** The SDK transport a legacy session's server is connected to: one the fast path can also serve requests on. */
  sessionTransport(options: WebStandardStreamableHTTPServerTransportOptions): WebStandardStreamableHTTPServerTransport;
}
