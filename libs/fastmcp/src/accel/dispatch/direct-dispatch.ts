import type { IncomingMessage } from 'node:http';
import {
  isJsonContentType,
  isSpecType,
  PROTOCOL_VERSION_META_KEY,
  type InboundClassificationOutcome,
  type InitializeRequestParams,
  type JSONRPCRequest,
  type MessageClassification,
} from '@modelcontextprotocol/server';
import { ENVELOPE_META_KEYS, PLAIN_TOOL_CALL_PARAMS } from './tool-call-lift.js';
import { MODERN_REVISION } from '../../common/protocol-revisions.js';
import { headerValue } from '../../common/http-header.js';

const MESSAGE_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const META_ONLY = new Set(['_meta']);
const PROGRESS_ONLY = new Set(['progressToken']);
const MODERN_META_KEYS = new Set(['progressToken', ...ENVELOPE_META_KEYS]);

interface PlainMessage {
  jsonrpc: '2.0';
  method: string;
  id?: string | number;
  params?: Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

function isRequestId(value: unknown): boolean {
  return typeof value === 'string' || Number.isSafeInteger(value);
}

/**
 * One JSON-RPC message (not a batch) with no key beyond the standard four, a string or
 * integer id if it has one, and object params if any: the shape every check below starts from.
 */
function isPlainMessage(body: unknown): body is PlainMessage {
  if (!isPlainObject(body) || body.jsonrpc !== '2.0' || typeof body.method !== 'string' || !hasOnlyKeys(body, MESSAGE_KEYS)) return false;
  return (!('id' in body) || isRequestId(body.id)) && (body.params === undefined || isPlainObject(body.params));
}

/** A `_meta` that is absent, or an object whose `progressToken`, if any, is a valid one. */
function hasPlainMeta(params: Record<string, unknown>, allowed?: ReadonlySet<string>): boolean {
  const meta = params._meta;
  if (meta === undefined) return true;
  return isPlainObject(meta) && (!allowed || hasOnlyKeys(meta, allowed)) && (meta.progressToken === undefined || isRequestId(meta.progressToken));
}

/**
 * The body as a `tools/call` request a legacy session may serve directly, or `undefined` when
 * the SDK's general path must take it. Only a plain, unambiguous call qualifies: one message
 * (not a batch) of exactly the JSON-RPC request shape, `params` with a string `name`, object
 * `arguments` and `_meta` (a valid `progressToken` if any) and nothing else (no `task`), sent
 * with the Accept and Content-Type headers the transport requires. Anything else, including
 * every malformed request, keeps going through the SDK so it is answered exactly as before.
 */
export function directToolCall(req: IncomingMessage, body: unknown): JSONRPCRequest | undefined {
  return isPlainToolCall(body) && hasSessionPostHeaders(req) ? body : undefined;
}

/**
 * The body as an `initialize` request a new session may answer without an SDK server: one
 * JSON-RPC request whose params are a valid `InitializeRequest` by the SDK's own schema.
 */
export function directInitialize(req: IncomingMessage, body: unknown): (JSONRPCRequest & { params: InitializeRequestParams }) | undefined {
  if (!isPlainInitialize(body)) return undefined;
  if (!isSpecType.InitializeRequest({ method: body.method, params: body.params }) || !hasSessionPostHeaders(req)) return undefined;
  return body as JSONRPCRequest & { params: InitializeRequestParams };
}

/**
 * A plain `initialize` request with no `_meta` at all: it can claim no 2026-07-28 envelope, so
 * the SDK classifies it as a legacy handshake (by its header, unless that names a modern revision).
 */
export function isPlainLegacyInitialize(body: unknown): body is PlainMessage {
  return isPlainInitialize(body) && (body.params === undefined || !('_meta' in body.params));
}

/** One plain `initialize` request (with an id: without one it is a notification). */
function isPlainInitialize(body: unknown): body is PlainMessage {
  return isPlainMessage(body) && body.method === 'initialize' && 'id' in body;
}

/** Whether the body is a plain `notifications/initialized` a session may acknowledge itself. */
export function isDirectInitialized(req: IncomingMessage, body: unknown): boolean {
  if (!isPlainMessage(body) || body.method !== 'notifications/initialized' || 'id' in body) return false;
  const params = body.params;
  if (params !== undefined && (!hasOnlyKeys(params, META_ONLY) || (params._meta !== undefined && !isPlainObject(params._meta)))) return false;
  return hasSessionPostHeaders(req);
}

/**
 * A single JSON-RPC request (other than `initialize`) or notification of the plainest shape:
 * the SDK's schemas accept it, and it carries no 2026-07-28 envelope (its `_meta` holds a
 * `progressToken` at most). Such a message can only be 2025-era traffic.
 */
export function isPlainSessionMessage(body: unknown): body is PlainMessage {
  return isPlainMessage(body) && body.method !== 'initialize' && (body.params === undefined || hasPlainMeta(body.params, PROGRESS_ONLY));
}

/** The Accept and Content-Type a session transport requires of a POST. */
function hasSessionPostHeaders(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) return false;
  return isJsonContentType(req.headers['content-type'] ?? null);
}


/**
 * The same for a 2026-07-28 request the SDK classified as modern (`route`): a plain call of
 * that revision that passes the entry's standard-header rung as it stands (`MCP-Protocol-Version`,
 * `Mcp-Method` and an `Mcp-Name` equal to the tool name, no encoded form) and carries no
 * `Mcp-Param-*` header. Whether the tool declares header-bound parameters is the caller's check.
 */
export function directModernToolCall(
  req: IncomingMessage,
  route: InboundClassificationOutcome | undefined,
): { message: JSONRPCRequest; classification: MessageClassification; envelopeUnchecked: boolean } | undefined {
  if (route?.kind !== 'modern' || route.messageKind !== 'request' || route.classification.revision !== MODERN_REVISION) return undefined;
  const message = route.message;
  if (!isPlainToolCall(message) || !isJsonContentType(req.headers['content-type'] ?? null)) return undefined;
  if (headerValue(req, 'mcp-protocol-version') !== MODERN_REVISION || headerValue(req, 'mcp-method') !== 'tools/call') return undefined;
  if (headerValue(req, 'mcp-name') !== message.params.name) return undefined;
  for (const name in req.headers) if (name.startsWith('mcp-param-')) return undefined;
  return { message, classification: route.classification, envelopeUnchecked: envelopeUnchecked.has(route) };
}

/** Routes {@link modernToolCallRoute} made without the SDK's envelope check. */
const envelopeUnchecked = new WeakSet<InboundClassificationOutcome>();

/**
 * What the SDK's classifier (`classifyInboundRequest`) concludes for a plain 2026-07-28
 * `tools/call`, without its schema checks that rule out a posted response and prove a request
 * (the plain shape does both): a POST whose `MCP-Protocol-Version` and `Mcp-Method` headers
 * are exactly this revision and `tools/call`, whose envelope claims the same revision, and whose
 * `_meta` holds nothing but the envelope and a progress token. The envelope's own check is left
 * to the direct path (`envelopeUnchecked` of {@link directModernToolCall}): a request it refuses goes to the SDK entry,
 * which classifies it itself. `undefined` for anything else.
 */
export function modernToolCallRoute(req: IncomingMessage, body: unknown): InboundClassificationOutcome | undefined {
  if (req.method !== 'POST' || req.headers['mcp-protocol-version'] !== MODERN_REVISION || req.headers['mcp-method'] !== 'tools/call') return undefined;
  if (!isPlainToolCall(body)) return undefined;
  const meta = body.params._meta as Record<string, unknown> | undefined;
  if (!meta || meta[PROTOCOL_VERSION_META_KEY] !== MODERN_REVISION || !hasOnlyKeys(meta, MODERN_META_KEYS)) return undefined;
  const route: InboundClassificationOutcome = {
    kind: 'modern',
    messageKind: 'request',
    message: body,
    classification: { era: 'modern', revision: MODERN_REVISION },
  };
  envelopeUnchecked.add(route);
  return route;
}

function isPlainToolCall(body: unknown): body is JSONRPCRequest & { params: { name: string } } {
  if (!isPlainMessage(body) || body.method !== 'tools/call' || !('id' in body)) return false;
  const params = body.params;
  if (!params || typeof params.name !== 'string' || !hasOnlyKeys(params, PLAIN_TOOL_CALL_PARAMS)) return false;
  return (params.arguments === undefined || isPlainObject(params.arguments)) && hasPlainMeta(params);
}
