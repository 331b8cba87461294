import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { parseJSONRPCMessage, type JSONRPCMessage, type Transport } from '@modelcontextprotocol/server';
import type { McpHttpExchange, McpMessageExtra } from '../../common/mcp-http-exchange.js';

/**
 * The 2024-11-05 HTTP+SSE transport, which the v2 SDK no longer ships: server-to-client
 * messages flow on one long GET stream, client messages arrive as POSTs to the endpoint the
 * stream announced first.
 */
export class SseServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: McpMessageExtra) => void;
  readonly sessionId = randomUUID();
  private closed = false;
  private keepAlive?: NodeJS.Timeout;

  constructor(
    private readonly endpoint: string,
    private readonly res: ServerResponse,
    private readonly keepAliveMs = 15_000,
  ) {}

  async start(): Promise<void> {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    this.res.write(`event: endpoint\ndata: ${this.endpoint}?sessionId=${this.sessionId}\n\n`);
    this.res.on('close', () => this.finish());
    if (this.keepAliveMs > 0) {
      this.keepAlive = setInterval(() => this.res.write(': keep-alive\n\n'), this.keepAliveMs);
      this.keepAlive.unref();
    }
  }

  /** Accepts one POSTed message (or batch) on `exchange`; the answer travels on the stream. */
  handlePostMessage(body: unknown, res: ServerResponse, exchange: McpHttpExchange): void {
    let messages: JSONRPCMessage[];
    try {
      messages = (Array.isArray(body) ? body : [body]).map((item) => parseJSONRPCMessage(item));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32600, message: `Invalid JSON-RPC message: ${(error as Error).message}` }, id: null }));
      this.onerror?.(error as Error);
      return;
    }
    res.writeHead(202).end('Accepted');
    for (const message of messages) this.onmessage?.(message, { exchange });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error('SSE stream is closed');
    this.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  async close(): Promise<void> {
    this.finish();
    this.res.end();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    this.onclose?.();
  }
}
