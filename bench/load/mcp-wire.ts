/**
 * The bytes the load generator puts on the wire, prebuilt once. Bodies and MCP headers are the
 * ones `@modelcontextprotocol/client` 2.x sends (same key order, same `_meta` envelope), so a
 * server sees exactly what a real client would send; `test/bench-wire.e2e-spec.ts` keeps that
 * true when the SDK moves. Only the JSON-RPC id changes per request.
 */
export type BenchEra = 'legacy' | '2026-07-28';

export const LEGACY_PROTOCOL_VERSION = '2025-11-25';
export const MODERN_PROTOCOL_VERSION = '2026-07-28';
export const BENCH_CLIENT_INFO = { name: 'nestjs-fastmcp-bench', version: '1.0.0' };
export const ECHO_TEXT = 'hello';

/** What undici's `fetch` adds to every request the SDK client makes. */
const FETCH_HEADERS = ['accept-language', '*', 'sec-fetch-mode', 'cors', 'user-agent', 'node', 'accept-encoding', 'gzip, deflate'];
const POST_HEADERS = ['content-type', 'application/json', 'accept', 'application/json, text/event-stream', ...FETCH_HEADERS];

export function initializeBody(id: number): string {
  return JSON.stringify({
    method: 'initialize',
    params: { protocolVersion: LEGACY_PROTOCOL_VERSION, capabilities: {}, clientInfo: BENCH_CLIENT_INFO },
    jsonrpc: '2.0',
    id,
  });
}

export const INITIALIZED_BODY = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });

export const INITIALIZE_HEADERS = POST_HEADERS;

export function sessionHeaders(sessionId: string): string[] {
  return ['mcp-session-id', sessionId, 'mcp-protocol-version', LEGACY_PROTOCOL_VERSION, ...POST_HEADERS];
}

/** The `_meta` envelope a 2026-07-28 request carries in place of a session. */
export const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': MODERN_PROTOCOL_VERSION,
  'io.modelcontextprotocol/clientInfo': BENCH_CLIENT_INFO,
  'io.modelcontextprotocol/clientCapabilities': {},
};

export function modernCallHeaders(toolName: string): string[] {
  return ['mcp-protocol-version', MODERN_PROTOCOL_VERSION, 'mcp-method', 'tools/call', 'mcp-name', toolName, ...POST_HEADERS];
}

/**
 * A `tools/call` body split around its id: the client writes `"jsonrpc":"2.0","id":N` last, so
 * one string concatenation builds each request.
 */
export function toolCallBodyPrefix(era: BenchEra, toolName: string, args: Record<string, unknown>): string {
  const params = era === 'legacy' ? { name: toolName, arguments: args } : { name: toolName, arguments: args, _meta: MODERN_META };
  const whole = JSON.stringify({ method: 'tools/call', params, jsonrpc: '2.0', id: 0 });
  return whole.slice(0, whole.length - '0}'.length);
}

export function toolCallBody(prefix: string, id: number): string {
  return prefix + id + '}';
}
