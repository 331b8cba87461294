import {
  isInputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  SERVER_INFO_META_KEY,
  type BaseContext,
  type CallToolResult,
  type JSONRPCErrorResponse,
  type JSONRPCRequest,
  type JSONRPCResultResponse,
  type MessageExtraInfo,
  type Notification,
  type Result,
  type Server,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { sdkProtocol, type ToolCallHandler, type WireCodec } from '../../internals/sdk-protocol.js';
import { bindRequestAbort, RequestAbort } from '../../execution/request-abort.js';
import { isWellFormedToolResult } from '../../execution/tool-result.mapper.js';
import { MODERN_REVISION } from '../../common/protocol-revisions.js';
import { isStandardSchema } from '../../schema/standard-schema.compiler.js';
import { bindHttpExchange, exchangeOfMessage, type McpMessageExtra } from '../../common/mcp-http-exchange.js';
import type { LiftedToolCall } from './tool-call-lift.js';

const NO_REQUEST_STATE = () => undefined;

/**
 * Serves a plain `tools/call` the way the SDK's dispatch does (same context, cancellation,
 * input-required handling, envelope check, result check, encoding and error answers) without
 * what that request cannot need there: the request's schema parse (its shape was checked), an
 * `AbortController` nobody reads, and the result's parse when the result was made from text
 * (see `isWellFormedToolResult`). `isTaskCreated` tells a task handle, which is sent unchecked.
 */
export function serveToolCall(
  server: Server,
  handler: ToolCallHandler,
  { request, envelope }: LiftedToolCall,
  extra: MessageExtraInfo,
  isTaskCreated: (result: Result) => boolean,
): void {
  const transport = server.transport;
  const id = request.id;
  const codec = sdkProtocol.wireCodec(server);
  const envelopeError = (extra as McpMessageExtra).envelopeChecked ? undefined : codec.checkInboundEnvelope(envelope === undefined ? {} : { envelope });
  if (envelopeError !== undefined) {
    const response: JSONRPCErrorResponse = { jsonrpc: '2.0', id, error: { code: ProtocolErrorCode.InvalidParams, message: envelopeError } };
    transport?.send(response).catch((error: unknown) => sdkProtocol.reportError(server, new Error(`Failed to send an error response: ${error}`)));
    return;
  }
  const abort = new RequestAbort();
  const aborts = sdkProtocol.requestAborts(server);
  aborts.set(id, abort);
  const ctx = bindRequestAbort(bindHttpExchange(directContext(server, request, envelope, extra, abort), exchangeOfMessage(extra)), abort);
  const answer = (result: Result): JSONRPCResultResponse | undefined => {
    if (abort.aborted) return undefined;
    const serverInfo = sdkProtocol.outboundServerInfo(server);
    if (isWellFormedToolResult(result)) return { result: codec.encodeResult('tools/call', shapedAhead(result, codec, serverInfo), serverInfo), jsonrpc: '2.0', id };
    const sent = isTaskCreated(result) || isInputRequiredResult(result) ? result : checkedToolResult(result, codec);
    return { result: codec.encodeResult('tools/call', sent, serverInfo), jsonrpc: '2.0', id };
  };
  const fail = (error: { code?: unknown; message?: string; data?: unknown }) => {
    if (abort.aborted) return;
    const code = Number.isSafeInteger(error.code) ? (error.code as number) : ProtocolErrorCode.InternalError;
    const response: JSONRPCErrorResponse = {
      jsonrpc: '2.0',
      id,
      error: { code: codec.encodeErrorCode(code), message: error.message ?? 'Internal error', ...(error.data !== undefined && { data: error.data }) },
    };
    return transport?.send(response);
  };
  const forget = () => {
    if (aborts.get(id) === abort) aborts.delete(id);
  };
  // Two links, not an async step plus then/catch/finally: the same outcomes with a third of the promises.
  sdkProtocol
    .invokeInputRequiredCapable(server, 'tools/call', handler, request, ctx)
    .then((result) => {
      let response: JSONRPCResultResponse | undefined;
      try {
        response = answer(result);
      } catch (error) {
        return fail(error as { message?: string });
      }
      return response && transport?.send(response);
    }, fail)
    .then(forget, (error: unknown) => {
      forget();
      sdkProtocol.reportError(server, new Error(`Failed to send response: ${error}`));
    });
}

const CALL_ABORT = Symbol('RequestAbort');

/**
 * The `signal` of every direct context, made on first read from the call's {@link RequestAbort}.
 * One getter for all calls, not a `get signal()` in the literal: a getter made per call is a new
 * accessor, so each context got a hidden class of its own. Those live in the old generation and
 * point at the getter's closure, so every call's objects (its abort, cancellation, context,
 * exchange, per-request server) outlived their request until the next full collection: under
 * load a quarter of all allocation was promoted and scavenges took ~6 ms instead of ~0.5.
 */
const SIGNAL_ACCESSOR: PropertyDescriptor = {
  get(this: { [CALL_ABORT]: RequestAbort }): AbortSignal {
    return this[CALL_ABORT].signal;
  },
  enumerable: true,
  configurable: true,
};

/** The context the SDK's dispatch builds for a request with no wire-only material left, its signal made on first read. */
function directContext(server: Server, request: JSONRPCRequest, envelope: Record<string, unknown> | undefined, extra: MessageExtraInfo, abort: RequestAbort): ServerContext {
  const id = request.id;
  const method = request.method;
  const sessionId = server.transport?.sessionId;
  const notify = (notification: Notification, options?: object) => server.notification(notification, { ...options, relatedRequestId: id });
  const send = (outbound: { method: string }, schemaOrOptions?: object, maybeOptions?: object) =>
    isStandardSchema(schemaOrOptions)
      ? server.request(outbound as never, schemaOrOptions as never, { ...maybeOptions, relatedRequestId: id })
      : server.request(outbound as never, { ...schemaOrOptions, relatedRequestId: id });
  // Optional members are assigned last, not spread in: this runs on every call. The signal is an
  // accessor with one getter for every call (see `SIGNAL_ACCESSOR`).
  const mcpReq: Record<string | symbol, unknown> = { id, method, _meta: request.params?._meta, requestState: NO_REQUEST_STATE, [CALL_ABORT]: abort };
  Object.defineProperty(mcpReq, 'signal', SIGNAL_ACCESSOR);
  mcpReq.send = send;
  mcpReq.notify = notify;
  // The SDK's own logging rules (capability, the session's level); a call logs rarely.
  mcpReq.log = (level: string, data: unknown, logger?: string) =>
    sdkProtocol.buildContext(server, { sessionId, mcpReq: { id, method, envelope, notify } } as unknown as BaseContext).mcpReq.log(level as never, data, logger);
  mcpReq.elicitInput = (params: never, options?: never) => server.elicitInput(params, options);
  mcpReq.requestSampling = (params: never, options?: never) => server.createMessage(params, options);
  if (envelope !== undefined) mcpReq.envelope = envelope;
  const { authInfo, request: req, closeSSEStream, closeStandaloneSSEStream } = extra;
  let http: Record<string, unknown> | undefined;
  if (authInfo || req || closeSSEStream || closeStandaloneSSEStream) {
    http = { req, closeSSE: closeSSEStream, closeStandaloneSSE: closeStandaloneSSEStream };
    if (authInfo) http.authInfo = authInfo;
  }
  return { sessionId, mcpReq, http } as unknown as ServerContext;
}

/**
 * A text result (`content`, maybe `isError`, nothing else) in the shape the 2026-07-28 encoding
 * gives it, made in one step: `resultType: 'complete'` and the server's identity in `_meta`, in
 * the order the encoding adds them. `encodeResult` then passes it through where it would have
 * copied it twice. Any other result, or era, is left to the encoding as it is.
 */
function shapedAhead(result: Result, codec: WireCodec, serverInfo: unknown): Result {
  if (codec.era !== MODERN_REVISION || serverInfo === undefined) return result;
  const { content, isError } = result as CallToolResult;
  for (const key in result) if (key !== 'content' && key !== 'isError') return result;
  const _meta = { [SERVER_INFO_META_KEY]: serverInfo };
  return (isError === undefined ? { content, resultType: 'complete', _meta } : { content, isError, resultType: 'complete', _meta }) as unknown as Result;
}

/** A `tools/call` result checked against the era's result schema, as the SDK's dispatch checks it. */
function checkedToolResult(result: Result, codec: WireCodec): Result {
  const validation = codec.validateResult('tools/call', result);
  if (validation.ok) return validation.value;
  throw new ProtocolError(
    validation.reason === 'not-in-era' ? ProtocolErrorCode.InternalError : ProtocolErrorCode.InvalidParams,
    validation.reason === 'not-in-era' ? 'No wire schema for tools/call in the resolved era' : `Invalid tools/call result: ${validation.message}`,
  );
}
