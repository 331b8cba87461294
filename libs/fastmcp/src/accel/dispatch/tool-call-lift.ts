import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  LOG_LEVEL_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  type JSONRPCRequest,
} from '@modelcontextprotocol/server';

/** The `_meta` keys of the 2026-07-28 per-request envelope, wire-only on every message. */
export const ENVELOPE_META_KEYS: readonly string[] = [PROTOCOL_VERSION_META_KEY, CLIENT_INFO_META_KEY, CLIENT_CAPABILITIES_META_KEY, LOG_LEVEL_META_KEY];
/** The params of a plain `tools/call`: nothing the SDK would have to lift or handle apart. */
export const PLAIN_TOOL_CALL_PARAMS: ReadonlySet<string> = new Set(['name', 'arguments', '_meta']);

export interface LiftedToolCall {
  /** The request as its handler sees it: the envelope keys gone from `_meta`. */
  readonly request: JSONRPCRequest;
  readonly envelope?: Record<string, unknown>;
}

/**
 * A `tools/call` whose params hold `name`, `arguments` and `_meta` only (no multi-round-trip
 * `requestState` or `inputResponses`), with its envelope lifted out of `_meta` exactly as the
 * SDK's dispatch lifts it (`liftWireOnlyMaterial`): a new message only when there was something
 * to lift, `_meta` dropped when nothing else was in it. `undefined` for any other request.
 */
export function liftPlainToolCall(request: JSONRPCRequest): LiftedToolCall | undefined {
  const params = request.params as Record<string, unknown> | undefined;
  if (request.method !== 'tools/call' || typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
  for (const key in params) if (!PLAIN_TOOL_CALL_PARAMS.has(key)) return undefined;
  const meta = params._meta as Record<string, unknown> | undefined;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return meta === undefined ? { request } : undefined;
  let envelope: Record<string, unknown> | undefined;
  for (const key of ENVELOPE_META_KEYS) if (key in meta) (envelope ??= {})[key] = meta[key];
  if (!envelope) return { request };
  const rest: Record<string, unknown> = {};
  let kept = false;
  for (const key in meta) {
    if (key in envelope) continue;
    rest[key] = meta[key];
    kept = true;
  }
  // Copied key by key in their order (there are at most three), not spread and then deleted from.
  const next: Record<string, unknown> = {};
  for (const key in params) {
    if (key !== '_meta') next[key] = params[key];
    else if (kept) next._meta = rest;
  }
  return { request: { ...request, params: next }, envelope };
}
