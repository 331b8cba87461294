import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';

/** Marks a request one instance forwarded to another: it is served there, never forwarded again. */
export const FORWARDED_HEADER = 'x-mcp-forwarded-by';

/** Headers that describe one hop's connection, not the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length']);

/**
 * - `served`: the owner answered (its answer is being relayed);
 * - `unreachable`: nothing accepted the connection, so the owner never saw the request;
 * - `stale`: a pooled connection was reset before any answer: the owner may have closed it as
 *   idle (it never read the request) or died; nothing was written to the client;
 * - `lost`: the owner stopped after it received the request; the client got an error.
 */
export type ForwardOutcome = 'served' | 'unreachable' | 'stale' | 'lost';

/**
 * Pooled connections for short requests (POST, DELETE). Freed sockets are dropped well before a
 * Node server's default 5 s keep-alive timeout, which narrows the race of reusing a socket the
 * owner is closing; `stale` covers what is left of it.
 */
const pooled = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 3_000 });

/** How long the owner may take to accept the connection before it counts as gone. */
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * Relays one request to the instance that owns its session and streams the answer back (SSE
 * included). Short requests go over pooled connections unless `fresh`; the GET stream always
 * gets a connection of its own. Only a fresh connection tells a dead owner (refused: the request
 * never arrived, safe to serve elsewhere) from one that died mid-call (serving it elsewhere would
 * run the call twice): a reset pooled connection answers `stale`, for the caller to try again
 * on a fresh one.
 */
export function forwardRequest(ownerUrl: string, forwardedBy: string, req: McpHttpRequest, res: ServerResponse, body: unknown, fresh = false): Promise<ForwardOutcome> {
  const payload = req.method === 'POST' && body !== undefined ? Buffer.from(JSON.stringify(body)) : undefined;
  const headers: OutgoingHttpHeaders = { ...withoutHopByHop(req.headers), [FORWARDED_HEADER]: forwardedBy };
  if (payload) headers['content-length'] = payload.length;
  const target = new URL(req.url ?? '/', ownerUrl);
  return new Promise((resolve) => {
    let connected = false;
    let answered = false;
    const upstream = request(target, { method: req.method, headers, agent: fresh || req.method === 'GET' ? false : pooled });
    upstream.setTimeout(CONNECT_TIMEOUT_MS, () => {
      if (!connected) upstream.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }));
    });
    const established = () => {
      connected = true;
      upstream.setTimeout(0);
    };
    upstream.once('socket', (socket) => (upstream.reusedSocket ? established() : socket.once('connect', established)));
    upstream.once('response', (answer) => {
      answered = true;
      res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
      res.flushHeaders();
      answer.pipe(res);
      answer.once('error', () => res.destroy());
      resolve('served');
    });
    upstream.once('error', () => {
      if (answered) return res.destroy();
      if (upstream.reusedSocket) return resolve('stale');
      if (!connected) return resolve('unreachable');
      if (!res.destroyed) sendLost(res, body);
      resolve('lost');
    });
    // The client went away (a closed SSE stream): so does the relay.
    res.once('close', () => upstream.destroy());
    upstream.end(payload);
  });
}

/** Tells the client its request was lost with the instance that had it (see {@link ForwardOutcome}). */
export function answerLost(res: ServerResponse, body: unknown): void {
  if (!res.destroyed) sendLost(res, body);
}

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

/** A JSON-RPC error for the request the owner took with it: the session itself goes on elsewhere. */
function sendLost(res: ServerResponse, body: unknown): void {
  if (res.headersSent) return void res.destroy();
  const id = typeof body === 'object' && body !== null && 'id' in body ? (body as { id: unknown }).id : null;
  const error = {
    jsonrpc: '2.0',
    id: id ?? null,
    error: { code: -32603, message: 'The instance serving this session stopped while handling the request; the session continues on another instance, so the request may be sent again' },
  };
  res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify(error));
}
