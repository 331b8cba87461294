import type { ServerResponse } from 'node:http';
import type { ContextIdFactory } from '@nestjs/core';
import {
  WebStandardStreamableHTTPServerTransport,
  type InboundClassificationOutcome,
  type WebStandardStreamableHTTPServerTransportOptions,
} from '@modelcontextprotocol/server';
import type { McpHttpExchange } from '../common/mcp-http-exchange.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import type { McpHandlerComposer } from '../execution/mcp-handler.composer.js';
import type { McpInvoker } from '../registry/mcp-definitions.js';
import type { McpHttpShortcut } from '../transports/streamable-http/mcp-http-shortcut.js';
import type { StreamableHttpSessions } from '../transports/streamable-http/streamable-http-sessions.js';
import type { ExpressPlatformCheck } from './express-platform.check.js';

type ContextId = ReturnType<typeof ContextIdFactory.create>;

/** The fast path's Streamable HTTP offer, declined in full off Express (`ExpressPlatformCheck`). */
export class PlatformGatedShortcut implements McpHttpShortcut {
  constructor(
    private readonly shortcut: McpHttpShortcut,
    private readonly check: ExpressPlatformCheck,
  ) {}

  classify(req: McpHttpRequest, body: unknown): InboundClassificationOutcome | undefined {
    return this.check.allows ? this.shortcut.classify(req, body) : undefined;
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
    return this.check.allows ? this.shortcut.serve(req, res, body, exchange, route, sessions, general) : undefined;
  }

  sessionTransport(options: WebStandardStreamableHTTPServerTransportOptions): WebStandardStreamableHTTPServerTransport {
    return this.check.allows ? this.shortcut.sessionTransport(options) : new WebStandardStreamableHTTPServerTransport(options);
  }
}

/** The fast path's handler composer, declined off Express (`ExpressPlatformCheck`). */
export class PlatformGatedComposer implements McpHandlerComposer {
  constructor(
    private readonly composer: McpHandlerComposer,
    private readonly check: ExpressPlatformCheck,
  ) {}

  compose(instance: object, methodName: string, contextId?: ContextId, inquirerId?: string): McpInvoker | undefined {
    return this.check.allows ? this.composer.compose(instance, methodName, contextId, inquirerId) : undefined;
  }
}
