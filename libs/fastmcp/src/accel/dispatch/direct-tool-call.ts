import {
  isInputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  type JSONRPCErrorResponse,
  type JSONRPCResultResponse,
  type MessageExtraInfo,
  type Result,
  type Server,
} from '@modelcontextprotocol/server';
import { sdkProtocol, type ToolCallHandler, type WireCodec } from '../../internals/sdk-protocol.js';
import { bindRequestAbort, RequestAbort } from '../../execution/request-abort.js';
import { isWellFormedToolResult } from '../../execution/tool-result.mapper.js';
import { bindHttpExchange, exchangeOfMessage, type McpMessageExtra } from '../../common/mcp-http-exchange.js';
import type { LiftedToolCall } from './tool-call-lift.js';
import { INTERNAL_ERROR } from '../../errors/mcp.messages.js';

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
  const ctx = bindRequestAbort(bindHttpExchange(sdkProtocol.requestContext(server, request, envelope, extra, abort), exchangeOfMessage(extra)), abort);
  const answer = (result: Result): JSONRPCResultResponse | undefined => {
    if (abort.aborted) return undefined;
    const serverInfo = sdkProtocol.outboundServerInfo(server);
    if (isWellFormedToolResult(result)) return { result: codec.encodeResult('tools/call', sdkProtocol.shapeTextResult(result, codec, serverInfo), serverInfo), jsonrpc: '2.0', id };
    const sent = isTaskCreated(result) || isInputRequiredResult(result) ? result : checkedToolResult(result, codec);
    return { result: codec.encodeResult('tools/call', sent, serverInfo), jsonrpc: '2.0', id };
  };
  const fail = (error: { code?: unknown; message?: string; data?: unknown }) => {
    if (abort.aborted) return;
    const code = Number.isSafeInteger(error.code) ? (error.code as number) : ProtocolErrorCode.InternalError;
    const response: JSONRPCErrorResponse = {
      jsonrpc: '2.0',
      id,
      error: { code: codec.encodeErrorCode(code), message: error.message ?? INTERNAL_ERROR, ...(error.data !== undefined && { data: error.data }) },
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

/** A `tools/call` result checked against the era's result schema, as the SDK's dispatch checks it. */
function checkedToolResult(result: Result, codec: WireCodec): Result {
  const validation = codec.validateResult('tools/call', result);
  if (validation.ok) return validation.value;
  throw new ProtocolError(
    validation.reason === 'not-in-era' ? ProtocolErrorCode.InternalError : ProtocolErrorCode.InvalidParams,
    validation.reason === 'not-in-era' ? 'No wire schema for tools/call in the resolved era' : `Invalid tools/call result: ${validation.message}`,
  );
}
