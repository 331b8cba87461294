import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import {
  isJSONRPCResultResponse,
  PerRequestHTTPServerTransport,
  type AuthInfo,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type MessageClassification,
  type TransportSendOptions,
} from '@modelcontextprotocol/server';

/** The SDK transport's exchange state (private in its typings; pinned SDK version). */
interface ExchangeInternals {
  _closed: boolean;
  _sse?: unknown;
  _responseMode: 'auto' | 'json' | 'sse';
  _requestId?: string | number;
  _terminalDelivered: boolean;
}

/**
 * The SDK's single-exchange transport of a 2026-07-28 request, answering on a Node response.
 * The message goes through the per-request SDK server exactly as the SDK entry's `invoke()`
 * sends it; a plain result is written straight to the Node response as JSON, everything else
 * (an SSE stream because notifications preceded the result, a JSON-RPC error with its HTTP
 * status) takes the SDK's own web `Response`, which is then written out.
 */
export class PerRequestHttpTransport extends PerRequestHTTPServerTransport {
  private readonly state = this as unknown as ExchangeInternals;
  private answered?: () => void;

  constructor(
    classification: MessageClassification,
    private readonly res: ServerResponse,
  ) {
    super({ classification });
  }

  /** Whether this SDK build still has the exchange state a direct answer reads. */
  static sdkSupportsDirect(): boolean {
    const { state } = new PerRequestHttpTransport({ era: 'modern' }, undefined as unknown as ServerResponse);
    return state._responseMode === 'auto' && state._terminalDelivered === false && state._closed === false && '_sse' in state;
  }

  /** Serves the request; settles once its answer has been handed to the Node response. */
  serve(message: JSONRPCRequest, authInfo?: AuthInfo): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.answered = resolve;
      this.handleMessage(message, authInfo === undefined ? undefined : { authInfo }).then(
        (response) => writeWebResponse(response, this.res).then(resolve, reject),
        reject,
      );
    });
  }

  override async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const state = this.state;
    if (isJSONRPCResultResponse(message) && !state._closed && state._sse === undefined && state._responseMode === 'auto' && message.id === state._requestId && !state._terminalDelivered) {
      state._terminalDelivered = true;
      if (!this.res.headersSent && !this.res.destroyed) {
        const body = JSON.stringify(message);
        // A known length: no chunked encoding, so head and body leave in one write.
        this.res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        this.res.end(body);
      }
      // Nothing else is in flight on a single exchange whose result is out: no close chain to run.
      this.answered?.();
      return;
    }
    return super.send(message, options);
  }
}

async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Closing the Node response cancels the web stream, which closes the SDK exchange.
  await pipeline(Readable.fromWeb(response.body as NodeWebReadableStream<Uint8Array>), res).catch(() => undefined);
}
