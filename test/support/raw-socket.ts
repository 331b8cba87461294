import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

/** An HTTP/1.1 response as read off a raw socket. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A client that writes an HTTP request by hand, so a test controls how much of the body has been
 * sent when it looks for the answer (what `fetch` hides).
 */
export class RawHttpClient {
  readonly errors: Error[] = [];
  private received = Buffer.alloc(0);
  private ended = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => (this.received = Buffer.concat([this.received, chunk])));
    socket.on('error', (error) => this.errors.push(error));
    socket.on('end', () => (this.ended = true));
  }

  static async connect(port: number): Promise<RawHttpClient> {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return new RawHttpClient(socket);
  }

  /** Writes the request head, declaring `contentLength`, and no body yet. */
  writeHead(method: string, path: string, headers: Record<string, string | number>): void {
    const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${(this.socket.remotePort ?? 0).toString()}`];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  }

  /** Writes `bytes` of the body; settles once they are handed to the kernel. */
  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve) => (this.socket.write(bytes) ? resolve() : this.socket.once('drain', () => resolve())));
  }

  /** The first complete response (a body of declared length), or `undefined` after `timeoutMs`. */
  async response(timeoutMs: number): Promise<RawResponse | undefined> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const parsed = parseResponse(this.received);
      if (parsed) return parsed;
      if (this.ended || this.socket.destroyed) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return undefined;
  }

  /** Settles when the server has closed the connection, with whether it closed cleanly (no reset). */
  async closedByServer(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!this.ended && !this.socket.destroyed && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.ended && this.errors.length === 0;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

function parseResponse(bytes: Buffer): RawResponse | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const [statusLine, ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = bytes.subarray(headEnd + 4);
  if (body.length < length) return undefined;
  return { status: Number(statusLine!.split(' ')[1]), headers, body: body.subarray(0, length).toString('utf8') };
}
