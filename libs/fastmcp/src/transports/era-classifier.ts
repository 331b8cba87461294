import type { IncomingMessage } from 'node:http';
import { classifyInboundRequest } from '@modelcontextprotocol/server';
import { headerValue as header } from './http-header.js';


/**
 * Whether the SDK's entry would serve this request as 2025-era traffic. The same decision as
 * `isLegacyRequest()` (the SDK's `classifyInboundRequest` over the same inputs), taken on the
 * Node request and the parsed body: no web `Request` is built on the hot path.
 */
export function isLegacyEraRequest(req: IncomingMessage, body: unknown): boolean {
  const httpMethod = (req.method ?? 'GET').toUpperCase();
  if (httpMethod === 'POST' && body === undefined) return true;
  return (
    classifyInboundRequest({
      httpMethod,
      protocolVersionHeader: header(req, 'mcp-protocol-version'),
      mcpMethodHeader: header(req, 'mcp-method'),
      mcpNameHeader: header(req, 'mcp-name'),
      ...(body !== undefined ? { body } : {}),
    }).kind === 'legacy'
  );
}
