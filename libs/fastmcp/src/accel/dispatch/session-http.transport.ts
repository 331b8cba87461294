import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  DEFAULT_NEGOTIATED_PROTOCOL_VERSION,
  WebStandardStreamableHTTPServerTransport,
  type AuthInfo,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type JSONRPCResponse,
  type RequestId,
  type TransportSendOptions,
} from '@modelcontextprotocol/server';
import { sendJson } from '../../common/json-http-response.js';
import type { McpHttpExchange, McpMessageExtra } from '../../common/mcp-http-exchange.js';
import { sessionTransport, type SseSink } from '../../internals/sdk-transports.js';

/** One request answered on its own HTTP response, without the transport's web `Request`/`Response`. */
interface DirectExchange {
  readonly res: ServerResponse;
  readonly protocolVersion: string;
  /** Set once something other than the result had to go out first: the answer became an SSE stream. */
  streaming?: Promise<void>;
}

/**
 * A legacy session's SDK transport that can also serve a request handed to it on the Node
 * response directly ({@link serveDirect}). The message goes through the session's SDK server
 * as usual (same validation, handler, encoding, cancellation); only the HTTP framing differs:
 * the result is answered as plain JSON, unless a notification or server-to-client request
 * precedes it, in which case the response becomes the SDK's own SSE stream (priming event,
 * event store, keep-alive, `Last-Event-ID` replay) before that message is sent.
 */
export class SessionHttpTransport extends WebStandardStreamableHTTPServerTransport {
  private readonly direct = new Map<RequestId, DirectExchange>();

  /**
   * Whether `handlePostRequest` would dispatch a non-initialize request with this
   * `MCP-Protocol-Version` header (session open and initialized, version supported).
   */
  acceptsDirect(protocolVersionHeader: string | undefined): boolean {
    return sessionTransport.acceptsRequests(this, protocolVersionHeader);
  }

  /**
   * Dispatches one request whose answer goes to `res`, through `dispatch` (default: the
   * connected server's message handler); settles when the response is over.
   */
  serveDirect(
    message: JSONRPCRequest,
    res: ServerResponse,
    protocolVersionHeader: string | undefined,
    authInfo: AuthInfo | undefined,
    httpExchange: McpHttpExchange,
    dispatch: (message: JSONRPCRequest, extra: McpMessageExtra) => void = (request, extra) => this.onmessage?.(request, extra),
  ): Promise<void> {
    const exchange: DirectExchange = { res, protocolVersion: protocolVersionHeader ?? DEFAULT_NEGOTIATED_PROTOCOL_VERSION };
    const id = message.id;
    this.direct.set(id, exchange);
    const over = new Promise<void>((resolve) => {
      res.once('close', () => {
        // A client that left (or cancelled) gets no answer; a late result is dropped like the SDK drops it.
        if (this.direct.get(id) === exchange) this.direct.delete(id);
        resolve();
      });
    });
    const closeSSEStream = sessionTransport.supportsPolling(this, exchange.protocolVersion)
      ? () => void this.streamOf(id, exchange).then(() => this.closeSSEStream(id))
      : undefined;
    // Assigned, not spread in: this runs on every request.
    const extra: { -readonly [K in keyof McpMessageExtra]: McpMessageExtra[K] } = { exchange: httpExchange };
    if (authInfo !== undefined) extra.authInfo = authInfo;
    if (closeSSEStream) {
      extra.closeSSEStream = closeSSEStream;
      extra.closeStandaloneSSEStream = () => this.closeStandaloneSSEStream();
    }
    dispatch(message, extra);
    return over;
  }

  override async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    // Outbound messages are the SDK server's own: their shape tells them apart, no schema parse needed.
    const isResponse = isResponseMessage(message);
    const id = isResponse ? (message as JSONRPCResponse).id : options?.relatedRequestId;
    const exchange = id === undefined ? undefined : this.direct.get(id);
    if (exchange && id !== undefined) {
      if (isResponse && !exchange.streaming) {
        this.direct.delete(id);
        return sendJson(exchange.res, 200, JSON.stringify(message), this.sessionId);
      }
      await this.streamOf(id, exchange);
      if (isResponse) this.direct.delete(id);
    } else if (isResponse && id !== undefined && !sessionTransport.hasStreamFor(this, id)) {
      // A direct exchange whose client left before its result: there is nothing to deliver it on.
      return;
    }
    return super.send(message, options);
  }

  private sessionHeader(): Record<string, string> {
    return this.sessionId === undefined ? {} : { 'mcp-session-id': this.sessionId };
  }

  /** Turns the exchange's response into an SSE stream the SDK transport owns from here on. */
  private streamOf(id: RequestId, exchange: DirectExchange): Promise<void> {
    return (exchange.streaming ??= this.openStream(id, exchange));
  }

  private async openStream(id: RequestId, { res, protocolVersion }: DirectExchange): Promise<void> {
    const streamId = randomUUID();
    const encoder = new TextEncoder();
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...this.sessionHeader(),
    });
    let keepAlive: NodeJS.Timeout | undefined;
    const controller: SseSink = {
      enqueue: (chunk) => void res.write(chunk),
      close: () => res.end(),
    };
    const forget = () => {
      clearInterval(keepAlive);
      sessionTransport.releaseStream(this, streamId, controller);
    };
    const cleanup = () => {
      forget();
      res.end();
    };
    sessionTransport.adoptStream(this, streamId, id, controller, encoder, cleanup);
    res.once('close', forget);
    await sessionTransport.writePrimingEvent(this, controller, encoder, streamId, protocolVersion);
    if (sessionTransport.ownsStream(this, streamId, controller)) keepAlive = sessionTransport.startKeepAlive(this, controller, encoder);
  }
}

function isResponseMessage(message: JSONRPCMessage): message is JSONRPCResponse {
  return 'id' in message && ('result' in message || 'error' in message);
}
