import type { ServerResponse } from 'node:http';
import { toNodeHandler, type FetchLikeMcpHandler, type ToNodeHandlerOptions } from '@modelcontextprotocol/node';
import type { MessageExtraInfo, ServerContext } from '@modelcontextprotocol/server';
import { ContextSlot } from './context-slot.js';
import { DetachedHttpResponse } from './detached-http-response.js';
import type { McpHttpRequest } from './mcp-http-request.js';
import { completeRequestInit } from './deferred-request-init.js';
import { appExchangeOf } from './app-http-exchange.js';
import type { McpCallFailure } from './mcp-call-failure.js';

type DisconnectListener = (reason: Error) => void;

/** The HTTP exchange an MCP message arrived on. */
export class McpHttpExchange {
  /** Why the tool call of this exchange failed, when it did (read by the REST routes). */
  callFailure?: McpCallFailure;
  private listeners?: DisconnectListener[];
  private dropped?: Error;
  private detachedResponse?: DetachedHttpResponse;

  /** Without `res` (a task outliving its request): never disconnects. */
  constructor(
    private readonly rawRequest: McpHttpRequest,
    private readonly res?: ServerResponse,
  ) {}

  /**
   * The request as app code sees it: what the platform hands a controller (an Express request
   * even when the front door took it; a `FastifyRequest` on Fastify).
   */
  get request(): McpHttpRequest {
    return (appExchangeOf(this.rawRequest)?.request as McpHttpRequest | undefined) ?? completeRequestInit(this.rawRequest);
  }

  /**
   * The response as app code sees it (made an Express one with the request); a detached one for
   * work that outlives the request (a task), which nothing is sent on.
   */
  get response(): ServerResponse | DetachedHttpResponse {
    completeRequestInit(this.rawRequest);
    if (!this.res) return (this.detachedResponse ??= new DetachedHttpResponse());
    return (appExchangeOf(this.rawRequest)?.response as ServerResponse | undefined) ?? this.res;
  }

  /** The same request for work that outlives this exchange (a task): it never disconnects. */
  detached(): McpHttpExchange {
    return new McpHttpExchange(this.rawRequest);
  }

  /** The principal on the request (`req.user`), without making it an Express request. */
  get user(): unknown {
    return this.rawRequest.user;
  }

  /**
   * Calls `listener` once the client drops the connection before its response is complete (at
   * once if it already has). A listener, not a signal: most calls never need one made.
   */
  onDisconnect(listener: DisconnectListener): void {
    if (this.dropped) return listener(this.dropped);
    if (!this.listeners) {
      this.listeners = [];
      // Watched from the first listener on: an exchange nobody listens to costs no listener.
      const res = this.res;
      if (res && !res.writableFinished) {
        if (res.destroyed) this.drop();
        else res.once('close', () => res.writableFinished || this.drop());
      }
    }
    if (this.dropped) listener(this.dropped);
    else this.listeners.push(listener);
  }

  private drop(): void {
    this.dropped = new Error('Client disconnected');
    for (const listener of this.listeners ?? []) listener(this.dropped);
  }
}

const exchangeSlot = new ContextSlot<McpHttpExchange>('McpHttpExchange');

/**
 * What our transports hand the SDK with each message. A legacy session's server outlives any
 * one request, so the exchange travels with the message into the handler's context
 * ({@link bindHttpExchange}), not with the server.
 */
export interface McpMessageExtra extends MessageExtraInfo {
  readonly exchange?: McpHttpExchange;
  /**
   * Set by the 2026-07-28 direct path, whose requests had their envelope checked when they were
   * classified (by the SDK's classifier, or the same check on the per-request server).
   */
  readonly envelopeChecked?: boolean;
}

/** Exchanges of the web `Request`s handed to SDK transports that build the message extra themselves. */
const webRequestExchanges = new WeakMap<Request, McpHttpExchange>();

/**
 * Serves a Node request through a web-standard SDK handler (a session transport, the SDK entry)
 * that builds the message extra itself: every message it reads from the web `Request` made for
 * this request carries `exchange`.
 */
export function serveThroughWebRequest(
  handler: FetchLikeMcpHandler,
  exchange: McpHttpExchange,
  req: McpHttpRequest,
  res: ServerResponse,
  body: unknown,
  options: ToNodeHandlerOptions,
): Promise<void> {
  const face: FetchLikeMcpHandler = {
    fetch: (request, requestOptions) => {
      webRequestExchanges.set(request, exchange);
      return handler.fetch(request, requestOptions);
    },
  };
  return toNodeHandler(face, options)(req, res, body);
}

/** The exchange a message arrived on, from what its transport handed the SDK with it. */
export function exchangeOfMessage(extra: MessageExtraInfo | undefined): McpHttpExchange | undefined {
  if (!extra) return undefined;
  return (extra as McpMessageExtra).exchange ?? (extra.request && webRequestExchanges.get(extra.request));
}

/** The SDK context of a request, carrying its HTTP exchange (see `ContextSlot`). */
export function bindHttpExchange<C extends ServerContext>(ctx: C, exchange: McpHttpExchange | undefined): C {
  return exchangeSlot.bind(ctx, exchange);
}

/** The HTTP exchange of the request `ctx` serves; `undefined` over stdio. */
export function httpExchangeOf(ctx: ServerContext): McpHttpExchange | undefined {
  return exchangeSlot.of(ctx);
}
