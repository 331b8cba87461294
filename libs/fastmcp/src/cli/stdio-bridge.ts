import {
  isInitializeRequest,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  PROTOCOL_VERSION_META_KEY,
  SdkHttpError,
  StreamableHTTPClientTransport,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type Transport,
} from '@modelcontextprotocol/client';

const RETRIES = 4;
const FIRST_RETRY_MS = 250;

export interface StdioBridgeOptions {
  url: URL;
  headers: Record<string, string>;
  /** Called with a line for the operator (stderr): stdout carries the MCP frames. */
  log: (line: string) => void;
}

/**
 * Relays JSON-RPC messages between a local stdio client and a remote Streamable HTTP server,
 * message for message: every request, notification and answer (progress, logs, elicitation,
 * sampling, cancellation) passes through as it is. The SDK's transport keeps the session and
 * resumes a broken SSE stream with `Last-Event-ID`. On top of it the bridge retries a POST that
 * could not reach the server, and opens a new session (replaying the client's `initialize`)
 * when the server no longer knows the old one (HTTP 404), so the stdio client never notices a
 * server restart.
 */
export class StdioBridge {
  private upstream: StreamableHTTPClientTransport;
  private initialize: JSONRPCRequest | undefined;
  private initializeAnswered: ((message: JSONRPCMessage) => void) | undefined;
  private protocolVersion: string | undefined;

  constructor(
    private readonly downstream: Transport,
    private readonly options: StdioBridgeOptions,
  ) {
    this.upstream = this.openUpstream();
  }

  async start(): Promise<void> {
    this.downstream.onmessage = (message) => void this.fromClient(message);
    await this.upstream.start();
    await this.downstream.start();
  }

  async close(): Promise<void> {
    await this.upstream.close().catch(() => undefined);
  }

  private openUpstream(): StreamableHTTPClientTransport {
    const transport = new StreamableHTTPClientTransport(this.options.url, { requestInit: { headers: this.options.headers } });
    transport.onmessage = (message) => this.fromServer(transport, message);
    transport.onerror = (error) => this.options.log(`remote: ${error.message}`);
    return transport;
  }

  private fromServer(transport: StreamableHTTPClientTransport, message: JSONRPCMessage): void {
    if (isJSONRPCResultResponse(message) && this.initialize && message.id === this.initialize.id) {
      const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
      if (typeof version === 'string') {
        this.protocolVersion = version;
        transport.setProtocolVersion(version);
      }
      // The answer to a replayed `initialize` is ours, not the client's: it has one already.
      const replay = this.initializeAnswered;
      if (replay) return replay(message);
    }
    void this.downstream.send(message).catch((error: unknown) => this.options.log(`stdout: ${String(error)}`));
  }

  private async fromClient(message: JSONRPCMessage): Promise<void> {
    if (isJSONRPCRequest(message)) {
      if (isInitializeRequest(message)) this.initialize = message;
      // 2026-07-28 requests carry their revision: the transport names it in the HTTP header.
      const version = (message.params?._meta as Record<string, unknown> | undefined)?.[PROTOCOL_VERSION_META_KEY];
      if (typeof version === 'string' && version !== this.protocolVersion) {
        this.protocolVersion = version;
        this.upstream.setProtocolVersion(version);
      }
    }
    try {
      await this.send(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.log(`could not reach ${this.options.url.href}: ${reason}`);
      if (isJSONRPCRequest(message)) {
        await this.downstream.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: `The remote server ${this.options.url.href} is unreachable: ${reason}` } });
      }
    }
  }

  private async send(message: JSONRPCMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.upstream.send(message);
      } catch (error) {
        if (error instanceof SdkHttpError && error.status === 404 && this.upstream.sessionId && this.initialize && !isInitializeRequest(message)) {
          await this.reopenSession();
          continue;
        }
        // Only a request that never reached the server is tried again: an HTTP answer is final.
        if (error instanceof SdkHttpError || attempt >= RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, FIRST_RETRY_MS * 2 ** attempt));
      }
    }
  }

  /** A new session for the same client: its `initialize` and `initialized`, replayed. */
  private async reopenSession(): Promise<void> {
    this.options.log('the remote session has ended; opening a new one');
    await this.upstream.close().catch(() => undefined);
    this.upstream = this.openUpstream();
    await this.upstream.start();
    const answered = new Promise<JSONRPCMessage>((resolve) => (this.initializeAnswered = resolve));
    try {
      await this.upstream.send(this.initialize!);
      await answered;
    } finally {
      this.initializeAnswered = undefined;
    }
    await this.upstream.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  }
}
