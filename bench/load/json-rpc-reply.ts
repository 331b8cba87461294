import type { HttpReply } from './http-pool.js';

export interface JsonRpcReply {
  jsonrpc: '2.0';
  id: string | number | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** A reply the load generator cannot accept; the message quotes what the server sent. */
export class BadReplyError extends Error {
  constructor(what: string, reply: HttpReply) {
    super(`${what} (HTTP ${reply.status}, content-type ${String(reply.headers['content-type'])}): ${reply.body.slice(0, 400)}`);
    this.name = 'BadReplyError';
  }
}

/**
 * The JSON-RPC response in a Streamable HTTP reply, framed either as one JSON body or as an SSE
 * stream whose events may carry notifications before the response (spec 2025-11-25
 * basic/transports "Sending Messages to the Server").
 */
export function readJsonRpcReply(reply: HttpReply): JsonRpcReply {
  if (reply.status !== 200) throw new BadReplyError('unexpected status', reply);
  const contentType = reply.headers['content-type'];
  const type = typeof contentType === 'string' ? contentType : '';
  if (type.startsWith('application/json')) return JSON.parse(reply.body) as JsonRpcReply;
  if (type.startsWith('text/event-stream')) {
    for (const data of sseData(reply.body)) {
      // A resumable stream opens with a priming event whose data is empty (SEP-1699).
      if (data === '') continue;
      const message = JSON.parse(data) as JsonRpcReply;
      if (message.id !== undefined && (message.result !== undefined || message.error !== undefined)) return message;
    }
    throw new BadReplyError('no JSON-RPC response in the SSE stream', reply);
  }
  throw new BadReplyError('unexpected content type', reply);
}

/** The `data` of each SSE event (multi-line data joined by `\n`, per the SSE spec). */
function* sseData(stream: string): Generator<string> {
  let data: string[] = [];
  for (const line of stream.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) yield data.join('\n');
      data = [];
    } else if (line.startsWith('data:')) {
      data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
    }
  }
  if (data.length > 0) yield data.join('\n');
}
