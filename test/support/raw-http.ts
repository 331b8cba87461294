/** Raw JSON-RPC over HTTP, for what SDK clients hide: status codes, headers, bodies. */
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw-client', version: '1.0.0' } },
};

export function postJson(url: URL | string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A call inside an open 2025-era session. */
export function postInSession(url: URL, sessionId: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return postJson(url, body, { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25', ...headers });
}
