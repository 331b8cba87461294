/**
 * The SDK transports' internals this library uses, in one place: every `_`-member of
 * `WebStandardStreamableHTTPServerTransport` and `PerRequestHTTPServerTransport` it touches is
 * named here and nowhere else, as operations the fast path's transports call. A probe
 * (`sdkTransportsSupport`) exercises them against the pinned SDK at bootstrap.
 */
import type { TextEncoder as Utf8Encoder } from 'node:util';
import {
  PerRequestHTTPServerTransport,
  Server,
  WebStandardStreamableHTTPServerTransport,
  type EventStore,
  type JSONRPCMessage,
  type RequestId,
} from '@modelcontextprotocol/server';

/** Where an SSE stream's events are written (the SDK's stream controller, or a Node response). */
export interface SseSink {
  enqueue(chunk: Uint8Array): void;
  close(): void;
}

interface SessionTransportInternals {
  _closed: boolean;
  _initialized: boolean;
  _eventStore?: EventStore;
  _supportedProtocolVersions: string[];
  _streamMapping: Map<string, { controller: SseSink; encoder: Utf8Encoder; cleanup: () => void }>;
  _requestToStreamMapping: Map<RequestId, string>;
  writePrimingEvent(controller: SseSink, encoder: Utf8Encoder, streamId: string, protocolVersion: string): Promise<void>;
  supportsEmptySSEData(protocolVersion: string): boolean;
  startKeepAlive(controller: SseSink, encoder: Utf8Encoder): NodeJS.Timeout | undefined;
}

const session = (transport: WebStandardStreamableHTTPServerTransport) => transport as unknown as SessionTransportInternals;

/** Operations on a legacy session's SDK transport. */
export const sessionTransport = {
  /**
   * Whether its `handlePostRequest` would dispatch a non-initialize request with this
   * `MCP-Protocol-Version` header: session open and initialized, version supported.
   */
  acceptsRequests(transport: WebStandardStreamableHTTPServerTransport, protocolVersionHeader: string | undefined): boolean {
    const state = session(transport);
    return !state._closed && state._initialized && (protocolVersionHeader === undefined || state._supportedProtocolVersions.includes(protocolVersionHeader));
  },
  /** Whether a stream may be closed for polling: an event store, and a revision with SSE priming events. */
  supportsPolling: (transport: WebStandardStreamableHTTPServerTransport, protocolVersion: string): boolean =>
    session(transport)._eventStore !== undefined && session(transport).supportsEmptySSEData(protocolVersion),
  /** Whether the transport has a stream that a response to `requestId` would go to. */
  hasStreamFor: (transport: WebStandardStreamableHTTPServerTransport, requestId: RequestId): boolean => session(transport)._requestToStreamMapping.has(requestId),
  /** Hands the transport a stream it owns from here on, as its own GET/POST streams: events, priming, keep-alive, `Last-Event-ID`. */
  adoptStream(transport: WebStandardStreamableHTTPServerTransport, streamId: string, requestId: RequestId, controller: SseSink, encoder: Utf8Encoder, cleanup: () => void): void {
    session(transport)._streamMapping.set(streamId, { controller, encoder, cleanup });
    session(transport)._requestToStreamMapping.set(requestId, streamId);
  },
  /** Whether the transport still writes `streamId` to `controller`. */
  ownsStream: (transport: WebStandardStreamableHTTPServerTransport, streamId: string, controller: SseSink): boolean =>
    session(transport)._streamMapping.get(streamId)?.controller === controller,
  releaseStream(transport: WebStandardStreamableHTTPServerTransport, streamId: string, controller: SseSink): void {
    if (sessionTransport.ownsStream(transport, streamId, controller)) session(transport)._streamMapping.delete(streamId);
  },
  writePrimingEvent: (transport: WebStandardStreamableHTTPServerTransport, controller: SseSink, encoder: Utf8Encoder, streamId: string, protocolVersion: string): Promise<void> =>
    session(transport).writePrimingEvent(controller, encoder, streamId, protocolVersion),
  startKeepAlive: (transport: WebStandardStreamableHTTPServerTransport, controller: SseSink, encoder: Utf8Encoder): NodeJS.Timeout | undefined =>
    session(transport).startKeepAlive(controller, encoder),
};

interface PerRequestTransportInternals {
  _used: boolean;
  _closed: boolean;
  _sse?: unknown;
  _responseMode: 'auto' | 'json' | 'sse';
  _requestId?: RequestId;
  _terminalDelivered: boolean;
  _dispatchWindowOpen: boolean;
  _deferredResponse?: { promise?: Promise<Response>; resolve(response: Response): void; reject(error: unknown): void; settled: boolean };
}

const exchange = (transport: PerRequestHTTPServerTransport) => transport as unknown as PerRequestTransportInternals;

/** Operations on the SDK's single-exchange transport of a 2026-07-28 request. */
export const perRequestTransport = {
  /**
   * Starts the one exchange as `handleMessage()` would, for `requestId`; its answer, when the
   * SDK's own code makes one (an error or stream `Response`, or a close), goes to `respond`.
   * `false` when the transport already served an exchange or is closed.
   */
  open(transport: PerRequestHTTPServerTransport, requestId: RequestId, respond: (response: Response) => void, fail: (error: unknown) => void): boolean {
    const state = exchange(transport);
    if (state._used || state._closed) return false;
    state._used = true;
    state._requestId = requestId;
    state._deferredResponse = { resolve: respond, reject: fail, settled: false };
    return true;
  },
  /** Runs `dispatch(message, extra)` inside the dispatch window, where the SDK expects the request to be dispatched. */
  dispatching<M, E>(transport: PerRequestHTTPServerTransport, dispatch: (message: M, extra: E) => void, message: M, extra: E): void {
    const state = exchange(transport);
    state._dispatchWindowOpen = true;
    try {
      dispatch(message, extra);
    } finally {
      state._dispatchWindowOpen = false;
    }
  },
  /**
   * Whether `message` is the exchange's plain result with nothing streamed before it (then the
   * exchange counts it as delivered): it may be answered as JSON on the Node response.
   */
  takesPlainResult(transport: PerRequestHTTPServerTransport, message: JSONRPCMessage): boolean {
    const state = exchange(transport);
    if (!('result' in message) || !('id' in message) || state._closed || state._sse !== undefined || state._responseMode !== 'auto') return false;
    if (message.id !== state._requestId || state._terminalDelivered) return false;
    state._terminalDelivered = true;
    return true;
  },
};

/** Whether the pinned SDK's transports still have the state and behaviour these operations assume. */
export async function sdkTransportsSupport(): Promise<boolean> {
  try {
    const fresh = exchange(new PerRequestHTTPServerTransport({ classification: { era: 'modern' } } as never));
    const perRequestFresh =
      fresh._responseMode === 'auto' &&
      fresh._terminalDelivered === false &&
      fresh._closed === false &&
      fresh._used === false &&
      fresh._dispatchWindowOpen === false &&
      '_sse' in fresh &&
      '_deferredResponse' in fresh;

    // A session transport brought through a real handshake: initialized, accepting requests.
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => 'probe', enableJsonResponse: true });
    const server = new Server({ name: 'probe', version: '0' }, { capabilities: {} });
    await server.connect(transport);
    const before = sessionTransport.acceptsRequests(transport, undefined);
    const response = await transport.handleRequest(
      new Request('http://probe.invalid/', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'probe', version: '0' } } }),
      }),
    );
    await response.text();
    const after = sessionTransport.acceptsRequests(transport, '2025-11-25') && !sessionTransport.acceptsRequests(transport, '1999-01-01');
    const written: string[] = [];
    const decoder = new TextDecoder();
    const sink: SseSink = { enqueue: (chunk) => void written.push(decoder.decode(chunk)), close: () => {} };
    const encoder = new TextEncoder();
    sessionTransport.adoptStream(transport, 'probe-stream', 7, sink, encoder, () => {});
    const adopted = sessionTransport.ownsStream(transport, 'probe-stream', sink) && sessionTransport.hasStreamFor(transport, 7);
    sessionTransport.releaseStream(transport, 'probe-stream', sink);
    const keepAlive = sessionTransport.startKeepAlive(transport, sink, encoder);
    clearInterval(keepAlive);
    const polling = typeof sessionTransport.supportsPolling(transport, '2025-11-25') === 'boolean';
    await sessionTransport.writePrimingEvent(transport, sink, encoder, 'probe-stream', '2025-11-25');
    await server.close();
    return perRequestFresh && !before && after && adopted && !sessionTransport.ownsStream(transport, 'probe-stream', sink) && polling && written.every((chunk) => typeof chunk === 'string');
  } catch {
    return false;
  }
}
