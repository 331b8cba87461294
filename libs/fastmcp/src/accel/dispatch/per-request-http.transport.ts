import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import {
  PerRequestHTTPServerTransport,
  type AuthInfo,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type MessageClassification,
  type TransportSendOptions,
} from '@modelcontextprotocol/server';
import { sendJson } from '../../common/json-http-response.js';
import type { McpHttpExchange, McpMessageExtra } from '../../common/mcp-http-exchange.js';
import { perRequestTransport } from '../../internals/sdk-transports.js';

/** Dispatches the exchange's request to the connected server's request handler. */
export type RequestDispatch = (request: JSONRPCRequest, extra: McpMessageExtra) => void;

/**
 * The SDK's single-exchange transport of a 2026-07-28 request, answering on a Node response.
 * The message goes through the per-request SDK server exactly as the SDK entry's `invoke()`
 * sends it; a plain result is written straight to the Node response as JSON, everything else
 * (an SSE stream because notifications preceded the result, a JSON-RPC error with its HTTP
 * status) takes the SDK's own web `Response`, which is then written out.
 */
export class PerRequestHttpTransport extends PerRequestHTTPServerTransport {
  private answered?: () => void;

  constructor(
    private readonly classification: MessageClassification,
    private readonly res: ServerResponse,
  ) {
    super({ classification });
  }

  /**
   * Serves the request as `handleMessage()` would, dispatching it straight to `server`'s request
   * handler (the classifier already proved it a request: no message-kind schema checks);
   * settles once its answer has been handed to the Node response.
   */
  serve(message: JSONRPCRequest, dispatch: RequestDispatch, authInfo: AuthInfo | undefined, exchange: McpHttpExchange): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.answered = resolve;
      // Settled by the SDK's own code paths: an error or stream Response, or a close.
      const respond = (response: Response) => void writeWebResponse(response, this.res).then(resolve, reject);
      if (!perRequestTransport.open(this, message.id, respond, reject)) {
        reject(new Error('PerRequestHttpTransport serves exactly one exchange'));
        return;
      }
      const extra: McpMessageExtra = authInfo === undefined
        ? { classification: this.classification, exchange, envelopeChecked: true }
        : { classification: this.classification, exchange, envelopeChecked: true, authInfo };
      perRequestTransport.dispatching(this, dispatch, message, extra);
    });
  }

  override async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    // The server's own message: a result is told by its shape, no schema parse needed.
    if (perRequestTransport.takesPlainResult(this, message)) {
      sendJson(this.res, 200, JSON.stringify(message));
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
