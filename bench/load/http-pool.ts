import { Pool, type Dispatcher } from 'undici';

export interface HttpReply {
  status: number;
  /** Lower-cased names; a repeated header keeps its last value. */
  headers: Record<string, string | undefined>;
  body: string;
}

/**
 * Keep-alive HTTP/1.1 connections to one server through undici's lowest-level API (`dispatch`):
 * no streams, no body mixins, one closure per request, so the load generator spends its core on
 * sending requests rather than on itself.
 */
export class HttpPool {
  private readonly pool: Pool;

  constructor(origin: string, connections: number) {
    this.pool = new Pool(origin, {
      connections,
      pipelining: 1,
      keepAliveTimeout: 120_000,
      keepAliveMaxTimeout: 120_000,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
  }

  request(method: 'POST' | 'GET' | 'DELETE', path: string, headers: string[], body?: string): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let status = 0;
      let replyHeaders: Record<string, string> = {};
      // undici's native handler interface: the newer `onResponse*` one is a wrapper around it
      // that costs a controller object and a header parse per request.
      const handler: Dispatcher.DispatchHandler = {
        onConnect() {},
        onHeaders(statusCode, rawHeaders) {
          status = statusCode;
          replyHeaders = readHeaders(rawHeaders);
          return true;
        },
        onData(chunk) {
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          const text = chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString();
          resolve({ status, headers: replyHeaders, body: text });
        },
        onError(error) {
          reject(error);
        },
      };
      this.pool.dispatch({ method, path, headers, body: body ?? null }, handler);
    });
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

function readHeaders(raw: Buffer[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) headers[raw[i]!.toString('latin1').toLowerCase()] = raw[i + 1]!.toString('latin1');
  return headers;
}
