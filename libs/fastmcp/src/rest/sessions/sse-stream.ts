import type { ServerResponse } from 'node:http';

/** How often an idle stream gets a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

/** One `text/event-stream` response: named events with increasing ids, and a heartbeat. */
export class SseStream {
  private nextId = 1;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    onClose: () => void,
  ) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    // How long a client waits before it reconnects (a dropped connection, a server shutting down).
    res.write('retry: 1000\n\n');
    this.heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
    res.once('close', () => {
      clearInterval(this.heartbeat);
      onClose();
    });
  }

  send(event: string, data: unknown): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    this.res.write(`id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (!this.res.writableEnded) this.res.end();
  }
}
