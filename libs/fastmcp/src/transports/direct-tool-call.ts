import type { IncomingMessage } from 'node:http';
import { isJsonContentType, type JSONRPCRequest } from '@modelcontextprotocol/server';

const MESSAGE_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const PARAM_KEYS = new Set(['name', 'arguments', '_meta']);

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
 * The body as a `tools/call` request a legacy session may serve directly, or `undefined` when
 * the SDK's general path must take it. Only a plain, unambiguous call qualifies: one message
 * (not a batch) of exactly the JSON-RPC request shape, `params` with a string `name`, object
 * `arguments` and `_meta` (a valid `progressToken` if any) and nothing else (no `task`), sent
 * with the Accept and Content-Type headers the transport requires. Anything else, including
 * every malformed request, keeps going through the SDK so it is answered exactly as before.
 */
export function directToolCall(req: IncomingMessage, body: unknown): JSONRPCRequest | undefined {
  if (!isPlainObject(body) || body.method !== 'tools/call' || body.jsonrpc !== '2.0' || !isRequestId(body.id)) return undefined;
  if (!hasOnlyKeys(body, MESSAGE_KEYS)) return undefined;
  const params = body.params;
  if (!isPlainObject(params) || typeof params.name !== 'string' || !hasOnlyKeys(params, PARAM_KEYS)) return undefined;
  if (params.arguments !== undefined && !isPlainObject(params.arguments)) return undefined;
  const meta = params._meta;
  if (meta !== undefined && (!isPlainObject(meta) || (meta.progressToken !== undefined && !isRequestId(meta.progressToken)))) return undefined;
  const accept = req.headers.accept;
  if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) return undefined;
  if (!isJsonContentType(req.headers['content-type'] ?? null)) return undefined;
  return body as JSONRPCRequest;
}
