import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJsonRpcError } from '../common/json-http-response.js';

/** How long a refused request may go on sending its body, to be discarded, before its connection is closed anyway. */
const DISCARD_MS = 2_000;
/** How many bytes of a refused body are discarded at most before the connection is closed anyway. */
const DISCARD_BYTES = 8 * 1024 * 1024;

/**
 * Answers a POST whose body is refused (too large, of the wrong type or encoding, undecodable)
 * with a JSON-RPC error (spec: basic, "Error Handling"). A body read to its end leaves the
 * connection reusable. A body not (fully) read cannot: its bytes still arrive where the next
 * request would start, so the answer says `Connection: close`. Closing the socket while the
 * client is still sending makes the kernel reset the connection, and a client may lose the
 * answer it was about to read. So the answer goes out at once, what still arrives is discarded
 * unread, and the connection ends when the client has finished sending (bounded in time and
 * bytes for a client that never does).
 */
export function refuseBody(req: IncomingMessage, res: ServerResponse, status: number, code: number, message: string): void {
  if (req.complete || res.headersSent || res.destroyed) return sendJsonRpcError(res, status, code, message);
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.write(body);
  let discarded = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    req.removeListener('data', count);
    res.end();
  };
  const count = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_BYTES) finish();
  };
  const timer = setTimeout(finish, DISCARD_MS);
  timer.unref();
  req.on('data', count);
  req.once('end', finish);
  req.once('error', finish);
  req.once('close', finish);
  req.resume();
}
