import type { ServerResponse } from 'node:http';

/**
 * Answers with a JSON body of known length: no chunked encoding, so head and body leave in one
 * write. Does nothing once the response has started or its client has gone. `sessionId`: the
 * legacy session's `Mcp-Session-Id`, the one extra header a JSON answer carries.
 */
export function sendJson(res: ServerResponse, status: number, body: string, sessionId?: string): void {
  if (res.headersSent || res.destroyed) return;
  const length = Buffer.byteLength(body);
  res.writeHead(
    status,
    sessionId === undefined
      ? { 'content-type': 'application/json', 'content-length': length }
      : { 'content-type': 'application/json', 'content-length': length, 'mcp-session-id': sessionId },
  );
  res.end(body);
}

/** Answers an HTTP request with a JSON-RPC error object (id null: no request was accepted). */
export function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status, JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
