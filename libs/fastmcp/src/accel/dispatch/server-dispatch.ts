import type { JSONRPCRequest, MessageExtraInfo } from '@modelcontextprotocol/server';
import { VerdictMemory } from '../../common/verdict-memory.js';
import { isTaskCreated, sdkProtocol } from '../../internals/sdk-protocol.js';
import type { McpSdkServer } from '../../server/mcp-sdk.server.js';
import { serveToolCall } from './direct-tool-call.js';
import { liftPlainToolCall } from './tool-call-lift.js';

const envelopeVerdicts = new VerdictMemory<boolean>(256);

/**
 * Dispatches a request a direct transport already knows to be one, as the server's message
 * handler would after telling requests from responses and notifications (three schema checks
 * per message). A plain `tools/call` (its shape already checked, see `direct-dispatch.ts`) is
 * served without the SDK's general dispatch (`serveToolCall`); anything else takes it.
 */
export function dispatchRequest(server: McpSdkServer, request: JSONRPCRequest, extra: MessageExtraInfo): void {
  const handler = server.toolCallHandler;
  const lifted = handler && servesEra(server, extra) ? liftPlainToolCall(request) : undefined;
  if (lifted) return serveToolCall(server, handler!, lifted, extra, isTaskCreated);
  sdkProtocol.dispatch(server, request, extra);
}

/**
 * Whether the request is surely of the era the server serves: a session's own (no
 * classification), or classified with exactly its revision. Anything else goes to the SDK,
 * which answers a mismatch.
 */
function servesEra(server: McpSdkServer, extra: MessageExtraInfo): boolean {
  return extra.classification === undefined || extra.classification.revision === sdkProtocol.wireCodec(server).era;
}

/**
 * Whether a request's `_meta` passes the envelope check of the server's era, the one the SDK's
 * inbound classifier makes (`validateEnvelopeMeta`: required keys, their shapes).
 */
export function acceptsEnvelope(server: McpSdkServer, meta: Record<string, unknown>): boolean {
  const codec = sdkProtocol.wireCodec(server);
  // A client sends the same envelope with every request, and the check is a schema parse: its
  // verdict is remembered by the envelope's JSON (the check depends on nothing else).
  return envelopeVerdicts.verdict(`${codec.era}\n${JSON.stringify(meta)}`, () => codec.validateEnvelopeMeta(meta).length === 0);
}
