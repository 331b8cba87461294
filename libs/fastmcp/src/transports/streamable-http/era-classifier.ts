import type { IncomingMessage } from 'node:http';
import { classifyInboundRequest, type InboundClassificationOutcome } from '@modelcontextprotocol/server';
import { isPlainLegacyInitialize, isPlainSessionMessage, modernToolCallRoute } from '../../accel/dispatch/direct-dispatch.js';
import { headerValue as header } from '../../common/http-header.js';

const FIRST_MODERN_REVISION = '2026-07-28';

/**
 * The SDK entry's own era decision (`classifyInboundRequest`, what `isLegacyRequest()` and
 * `createMcpHandler` run), taken on the Node request and the parsed body: no web `Request` is
 * built on the hot path. `undefined` stands for a POST without a JSON body (legacy).
 */
export function classifyEra(req: IncomingMessage, body: unknown): InboundClassificationOutcome | undefined {
  const httpMethod = (req.method ?? 'GET').toUpperCase();
  if (httpMethod === 'POST' && body === undefined) return undefined;
  const protocolVersionHeader = header(req, 'mcp-protocol-version');
  const versionHeader = protocolVersionHeader?.trim();
  if (httpMethod === 'POST' && (versionHeader === undefined || versionHeader < FIRST_MODERN_REVISION)) {
    // What the classifier concludes for such bodies, without its schema checks (failed zod
    // parses per request, to rule out a posted response).
    if (isPlainSessionMessage(body)) return legacyRoute('id' in body ? 'no-claim' : 'notification', versionHeader);
    if (isPlainLegacyInitialize(body)) {
      // The handshake names its revision in its params, not in the header.
      const requested = body.params?.protocolVersion;
      return legacyRoute('initialize', typeof requested === 'string' ? requested : undefined);
    }
  }
  const modernCall = modernToolCallRoute(req, body);
  if (modernCall) return modernCall;
  return classifyInboundRequest({
    httpMethod,
    protocolVersionHeader,
    mcpMethodHeader: header(req, 'mcp-method'),
    mcpNameHeader: header(req, 'mcp-name'),
    ...(body !== undefined ? { body } : {}),
  });
}

type LegacyRoute = Extract<InboundClassificationOutcome, { kind: 'legacy' }>;

/** Built with an assignment, not a conditional spread: this runs on every request. */
function legacyRoute(reason: LegacyRoute['reason'], requestedVersion: string | undefined): LegacyRoute {
  const route: { -readonly [K in keyof LegacyRoute]: LegacyRoute[K] } = { kind: 'legacy', reason };
  if (requestedVersion !== undefined) route.requestedVersion = requestedVersion;
  return route;
}

/** Whether the SDK's entry serves a request so classified as 2025-era traffic. */
export function isLegacyRoute(route: InboundClassificationOutcome | undefined): boolean {
  return route === undefined || route.kind === 'legacy';
}
