import type { IncomingMessage } from 'node:http';
import type { InboundClassificationOutcome } from '@modelcontextprotocol/server';
import { headerValue } from '../../common/http-header.js';
import { isModernRevision } from '../../common/protocol-revisions.js';
import { isPlainLegacyInitialize, isPlainSessionMessage, modernToolCallRoute } from './direct-dispatch.js';

type LegacyRoute = Extract<InboundClassificationOutcome, { kind: 'legacy' }>;

/**
 * What the SDK's classifier (`classifyInboundRequest`) concludes for the plainest bodies, without
 * its schema checks (failed zod parses per request, to rule out a posted response): a plain
 * 2025-era message or handshake under no modern header, and a plain 2026-07-28 `tools/call`.
 * `undefined` for anything else: the SDK classifies it.
 */
export function classifyPlainRequest(req: IncomingMessage, body: unknown): InboundClassificationOutcome | undefined {
  if (req.method !== 'POST' || body === undefined) return undefined;
  const versionHeader = headerValue(req, 'mcp-protocol-version')?.trim();
  if (versionHeader === undefined || !isModernRevision(versionHeader)) {
    if (isPlainSessionMessage(body)) return legacyRoute('id' in body ? 'no-claim' : 'notification', versionHeader);
    if (isPlainLegacyInitialize(body)) {
      // The handshake names its revision in its params, not in the header.
      const requested = body.params?.protocolVersion;
      return legacyRoute('initialize', typeof requested === 'string' ? requested : undefined);
    }
  }
  return modernToolCallRoute(req, body);
}

/** Built with an assignment, not a conditional spread: this runs on every request. */
function legacyRoute(reason: LegacyRoute['reason'], requestedVersion: string | undefined): LegacyRoute {
  const route: { -readonly [K in keyof LegacyRoute]: LegacyRoute[K] } = { kind: 'legacy', reason };
  if (requestedVersion !== undefined) route.requestedVersion = requestedVersion;
  return route;
}
