import type { IncomingMessage } from 'node:http';
import { classifyInboundRequest, type InboundClassificationOutcome } from '@modelcontextprotocol/server';
import { headerValue as header } from '../../common/http-header.js';

/**
 * The SDK entry's own era decision (`classifyInboundRequest`, what `isLegacyRequest()` and
 * `createMcpHandler` run), taken on the Node request and the parsed body: no web `Request` is
 * built for it. `undefined` stands for a POST without a JSON body (legacy).
 */
export function classifyEra(req: IncomingMessage, body: unknown): InboundClassificationOutcome | undefined {
  const httpMethod = (req.method ?? 'GET').toUpperCase();
  if (httpMethod === 'POST' && body === undefined) return undefined;
  return classifyInboundRequest({
    httpMethod,
    protocolVersionHeader: header(req, 'mcp-protocol-version'),
    mcpMethodHeader: header(req, 'mcp-method'),
    mcpNameHeader: header(req, 'mcp-name'),
    ...(body !== undefined ? { body } : {}),
  });
}

/** Whether the SDK's entry serves a request so classified as 2025-era traffic. */
export function isLegacyRoute(route: InboundClassificationOutcome | undefined): boolean {
  return route === undefined || route.kind === 'legacy';
}
