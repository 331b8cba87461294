import {
  isInputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type BaseContext,
  type CallToolRequest,
  type CallToolResult,
  type InputRequiredResult,
  type JSONRPCErrorResponse,
  type JSONRPCRequest,
  type JSONRPCResultResponse,
  type MessageExtraInfo,
  type Notification,
  type RequestId,
  type Result,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { bindRequestAbort, RequestAbort } from '../execution/request-abort.js';
import { isWellFormedToolResult } from '../execution/tool-result.mapper.js';
import { liftPlainToolCall, type LiftedToolCall } from '../server/tool-call-lift.js';
import { bindHttpExchange, exchangeOfMessage, type McpMessageExtra } from '../transports/mcp-http-exchange.js';

type Handler = (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>;
type ToolCallHandler = (request: CallToolRequest, ctx: ServerContext) => Promise<CallToolResult | InputRequiredResult>;
type Validation = { ok: true; value: Result } | { ok: false; reason: string; message: string };

/** The SDK `Protocol`'s own request machinery that {@link TaskAwareServer.dispatchRequest} uses (private in its typings; pinned SDK version). */
interface ProtocolInternals {
  _requestHandlerAbortControllers: Map<RequestId, Pick<AbortController, 'abort'>>;
  _negotiatedWireCodec(): {
    readonly era: string;
    checkInboundEnvelope(material: { envelope?: Record<string, unknown> }): string | undefined;
    validateEnvelopeMeta(meta: Record<string, unknown>): unknown[];
    validateResult(method: string, result: unknown): Validation;
    encodeResult(method: string, result: Result, serverInfo: unknown): Result;
    encodeErrorCode(code: number): number;
  };
  _invokeInputRequiredCapableHandler(method: string, handler: ToolCallHandler, request: JSONRPCRequest, ctx: ServerContext): Promise<Result>;
  _outboundServerInfo(): unknown;
  _onerror(error: Error): void;
  _onrequest(request: JSONRPCRequest, extra: MessageExtraInfo): void;
}

const PROTOCOL_METHODS = ['_onrequest', '_negotiatedWireCodec', '_invokeInputRequiredCapableHandler', '_outboundServerInfo', '_onerror'] as const;
const CODEC_METHODS = ['checkInboundEnvelope', 'validateEnvelopeMeta', 'validateResult', 'encodeResult', 'encodeErrorCode'] as const;
const NO_REQUEST_STATE = () => undefined;

const createdTaskResults = new WeakSet<object>();

/**
 * Marks the `CreateTaskResult` a `tools/call` answers with. Typed as the tools/call result the
 * SDK's handler signature expects; `TaskAwareServer` sends it unchanged.
 */
export function markTaskCreated(result: Result): CallToolResult {
  createdTaskResults.add(result);
  return result as CallToolResult;
}

/** Carries a task handle past the SDK's CallToolResult validation. */
class TaskCreated {
  constructor(readonly result: Result) {}
}

/**
 * The SDK `Server`, able to answer `tools/call` with a task handle (spec 2025-11-25
 * `CreateTaskResult`, SEP-2663 `resultType: "task"`). The SDK validates every `tools/call`
 * result as a `CallToolResult` in its `_wrapHandler` hook and has no task runtime; a handle
 * marked by `markTaskCreated` leaves that validation before it runs, everything else keeps it.
 */
export class TaskAwareServer extends Server {
  private toolCall?: ToolCallHandler;
  private readonly internals = this as unknown as ProtocolInternals;

  /** Whether this SDK build still has the request machinery {@link dispatchRequest} uses. */
  static supportsDirectDispatch(): boolean {
    const prototype = Server.prototype as unknown as Record<string, unknown>;
    const probe = new Server({ name: 'probe', version: '0' }) as unknown as Partial<ProtocolInternals>;
    if (!PROTOCOL_METHODS.every((name) => typeof prototype[name] === 'function') || !(probe._requestHandlerAbortControllers instanceof Map)) return false;
    const codec = probe._negotiatedWireCodec!();
    return CODEC_METHODS.every((name) => typeof codec[name] === 'function');
  }

  /**
   * Registers the `tools/call` handler, which the direct paths also run without the SDK's
   * general dispatch (see {@link dispatchRequest}).
   */
  setToolCallHandler(handler: ToolCallHandler): void {
    this.setRequestHandler('tools/call', handler);
    this.toolCall = handler;
  }

  /**
   * Dispatches a request the transport already knows to be one, as its message handler would
   * after telling requests from responses and notifications (three schema checks per message).
   * A plain `tools/call` (see `directToolCall` and `directModernToolCall`: its shape is already
   * checked) is served by {@link callTool}.
   */
  dispatchRequest(request: JSONRPCRequest, extra: MessageExtraInfo): void {
    const lifted = this.toolCall && this.servesEra(extra) ? liftPlainToolCall(request) : undefined;
    if (lifted) return this.callTool(this.toolCall!, lifted, extra);
    this.internals._onrequest(request, extra);
  }

  /**
   * Whether the request is surely of the era this instance serves: a session's own (no
   * classification), or classified with exactly this instance's revision. Anything else goes to
   * the SDK, which answers a mismatch.
   */
  private servesEra(extra: MessageExtraInfo): boolean {
    return extra.classification === undefined || extra.classification.revision === this.internals._negotiatedWireCodec().era;
  }

  /**
   * Whether a request's `_meta` passes the envelope check of this instance's era, the one the
   * SDK's inbound classifier makes (`validateEnvelopeMeta`: required keys, their shapes).
   */
  acceptsEnvelope(meta: Record<string, unknown>): boolean {
    return this.internals._negotiatedWireCodec().validateEnvelopeMeta(meta).length === 0;
  }

  /**
   * Lets `connect()` bind this instance to a per-request transport of a modern revision (the
   * SDK entry does the same before its own `invoke()`, with `installModernOnlyHandlers`).
   */
  serveRevision(revision: string): void {
    if (!this._supportedProtocolVersions.includes(revision)) this._supportedProtocolVersions = [...this._supportedProtocolVersions, revision];
  }

  /**
   * Serves a plain `tools/call` the way the SDK's dispatch does (same context, cancellation,
   * input-required handling, envelope check, result check, encoding and error answers) without
   * what that request cannot need there: the request's schema parse (its shape was checked), an
   * `AbortController` nobody reads, and the result's parse when the result was made from text
   * (see `isWellFormedToolResult`).
   */
  private callTool(handler: ToolCallHandler, { request, envelope }: LiftedToolCall, extra: MessageExtraInfo): void {
    const { internals } = this;
    const transport = this.transport;
    const id = request.id;
    const codec = internals._negotiatedWireCodec();
    const envelopeError = (extra as McpMessageExtra).envelopeChecked ? undefined : codec.checkInboundEnvelope(envelope === undefined ? {} : { envelope });
    if (envelopeError !== undefined) {
      const response: JSONRPCErrorResponse = { jsonrpc: '2.0', id, error: { code: ProtocolErrorCode.InvalidParams, message: envelopeError } };
      transport?.send(response).catch((error: unknown) => internals._onerror(new Error(`Failed to send an error response: ${error}`)));
      return;
    }
    const abort = new RequestAbort();
    internals._requestHandlerAbortControllers.set(id, abort);
    const ctx = bindRequestAbort(bindHttpExchange(this.directContext(request, envelope, extra, abort), exchangeOfMessage(extra)), abort);
    const respond = async (): Promise<JSONRPCResultResponse | undefined> => {
      const result = await internals._invokeInputRequiredCapableHandler('tools/call', handler, request, ctx);
      if (abort.aborted) return undefined;
      return { result: codec.encodeResult('tools/call', checkedToolResult(result, codec), internals._outboundServerInfo()), jsonrpc: '2.0', id };
    };
    respond()
      .then(
        (response) => response && transport?.send(response),
        (error: { code?: unknown; message?: string; data?: unknown }) => {
          if (abort.aborted) return;
          const code = Number.isSafeInteger(error.code) ? (error.code as number) : ProtocolErrorCode.InternalError;
          const response: JSONRPCErrorResponse = {
            jsonrpc: '2.0',
            id,
            error: { code: codec.encodeErrorCode(code), message: error.message ?? 'Internal error', ...(error.data !== undefined && { data: error.data }) },
          };
          return transport?.send(response);
        },
      )
      .catch((error: unknown) => internals._onerror(new Error(`Failed to send response: ${error}`)))
      .finally(() => {
        if (internals._requestHandlerAbortControllers.get(id) === abort) internals._requestHandlerAbortControllers.delete(id);
      });
  }

  /** The context the SDK's dispatch builds for a request with no wire-only material, its signal made on first read. */
  private directContext(request: JSONRPCRequest, envelope: Record<string, unknown> | undefined, extra: MessageExtraInfo, abort: RequestAbort): ServerContext {
    const id = request.id;
    const method = request.method;
    const sessionId = this.transport?.sessionId;
    const notify = (notification: Notification, options?: object) => this.notification(notification, { ...options, relatedRequestId: id });
    const send = (outbound: { method: string }, schemaOrOptions?: object, maybeOptions?: object) =>
      isStandardSchema(schemaOrOptions)
        ? this.request(outbound as never, schemaOrOptions as never, { ...maybeOptions, relatedRequestId: id })
        : this.request(outbound as never, { ...schemaOrOptions, relatedRequestId: id });
    const mcpReq = {
      id,
      method,
      _meta: request.params?._meta,
      ...(envelope !== undefined && { envelope }),
      requestState: NO_REQUEST_STATE,
      get signal() {
        return abort.signal;
      },
      send,
      notify,
      // The SDK's own logging rules (capability, the session's level); a call logs rarely.
      log: (level: string, data: unknown, logger?: string) =>
        super.buildContext({ sessionId, mcpReq: { id, method, envelope, notify } } as unknown as BaseContext).mcpReq.log(level as never, data, logger),
      elicitInput: (params: never, options?: never) => this.elicitInput(params, options),
      requestSampling: (params: never, options?: never) => this.createMessage(params, options),
    };
    const { authInfo, request: req, closeSSEStream, closeStandaloneSSEStream } = extra;
    const http = authInfo || req || closeSSEStream || closeStandaloneSSEStream ? { ...(authInfo && { authInfo }), req, closeSSE: closeSSEStream, closeStandaloneSSE: closeStandaloneSSEStream } : undefined;
    return { sessionId, mcpReq, http } as unknown as ServerContext;
  }

  /** Each request's context carries the HTTP exchange its message arrived on (see `McpMessageExtra`). */
  protected override buildContext(ctx: BaseContext, transportInfo?: MessageExtraInfo): ServerContext {
    return bindHttpExchange(super.buildContext(ctx, transportInfo), exchangeOfMessage(transportInfo));
  }

  protected override _wrapHandler(method: string, handler: Handler): Handler {
    if (method !== 'tools/call') return super._wrapHandler(method, handler);
    const validated = super._wrapHandler(method, async (request, ctx) => {
      const result = await handler(request, ctx);
      if (createdTaskResults.has(result)) throw new TaskCreated(result);
      return result;
    });
    return async (request, ctx) => {
      try {
        return await validated(request, ctx);
      } catch (error) {
        if (error instanceof TaskCreated) return error.result;
        throw error;
      }
    };
  }
}

/** A `tools/call` result as the SDK's dispatch would send it, checked against the era's result schema unless known valid. */
function checkedToolResult(result: Result, codec: ReturnType<ProtocolInternals['_negotiatedWireCodec']>): Result {
  if (createdTaskResults.has(result) || isInputRequiredResult(result) || isWellFormedToolResult(result)) return result;
  const validation = codec.validateResult('tools/call', result);
  if (validation.ok) return validation.value;
  throw new ProtocolError(
    validation.reason === 'not-in-era' ? ProtocolErrorCode.InternalError : ProtocolErrorCode.InvalidParams,
    validation.reason === 'not-in-era' ? 'No wire schema for tools/call in the resolved era' : `Invalid tools/call result: ${validation.message}`,
  );
}

function isStandardSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '~standard' in value;
}
