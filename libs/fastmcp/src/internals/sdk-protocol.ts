/**
 * The SDK's `Protocol` / `Server` internals this library uses, in one place: every `_`-member of
 * `@modelcontextprotocol/server` it touches is named here and nowhere else. Each use has a probe
 * (`sdkProtocolSupport`) that exercises it against the pinned SDK at bootstrap; a failed probe
 * turns off what depends on it.
 */
import { isStandardSchema } from '../common/standard-schema.js';
import { MODERN_REVISION } from '../common/protocol-revisions.js';
import {
  SERVER_INFO_META_KEY,
  Server,
  type BaseContext,
  type CallToolResult,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type MessageExtraInfo,
  type Notification,
  type RequestId,
  type Result,
  type ServerContext,
  type Transport,
} from '@modelcontextprotocol/server';

type Handler = (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>;

// ---------------------------------------------------------------------------------------------
// Task results (tasks feature): the SDK validates every `tools/call` result as a CallToolResult in
// its `_wrapHandler` hook (documented there as the hook for subclasses) and has no task runtime.

const createdTaskResults = new WeakSet<object>();

/**
 * Marks the `CreateTaskResult` a `tools/call` answers with (spec 2025-11-25 `CreateTaskResult`,
 * SEP-2663 `resultType: "task"`). Typed as the tools/call result the SDK's handler signature
 * expects; a `TaskResultServer` sends it unchanged.
 */
export function markTaskCreated(result: Result): CallToolResult {
  createdTaskResults.add(result);
  return result as CallToolResult;
}

export function isTaskCreated(result: Result): boolean {
  return createdTaskResults.has(result);
}

/** Carries a task handle past the SDK's CallToolResult validation. */
class TaskCreated {
  constructor(readonly result: Result) {}
}

/**
 * The SDK `Server`, able to answer `tools/call` with a task handle: a marked result leaves the
 * SDK's result validation, everything else keeps it. Params its request schemas refuse are
 * answered through {@link invalidParams}: the SDK's own dispatch throws a plain `Error` carrying
 * the schema library's issue dump, which its error path answers as -32603 Internal error
 * (JSON-RPC 2.0 §5.1 and the MCP spec's "Error Handling" name -32602 Invalid params for it).
 */
export class TaskResultServer extends Server {
  protected override _wrapHandler(method: string, handler: Handler): Handler {
    const wrapped = method === 'tools/call' ? this.taskAware(handler) : super._wrapHandler(method, handler);
    return async (request, ctx) => {
      try {
        return await wrapped(request, ctx);
      } catch (error) {
        throw this.paramsRefusal(method, request, error) ?? error;
      }
    };
  }

  /**
   * The error to answer a request whose params the SDK's schema refused with, built from the
   * refusal's issues (`ParamsIssue`). The default keeps the SDK's answer.
   */
  protected invalidParams(_method: string, _issues: readonly ParamsIssue[]): Error | undefined {
    return undefined;
  }

  private taskAware(handler: Handler): Handler {
    const validated = super._wrapHandler('tools/call', async (request, ctx) => {
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

  /** `error` as the SDK's params validation throws it: the same message the request's validation gives, again. */
  private paramsRefusal(method: string, request: JSONRPCRequest, error: unknown): Error | undefined {
    if (!(error instanceof Error) || Object.getPrototypeOf(error) !== Error.prototype || 'code' in error) return undefined;
    const codec = internals(this)._negotiatedWireCodec?.();
    if (typeof codec?.validateRequest !== 'function') return undefined;
    let outcome = codec.validateRequest(method, request);
    if (!outcome.ok && outcome.reason === 'not-in-era' && typeof codec.validateInputRequest === 'function') outcome = codec.validateInputRequest(method, request);
    if (outcome.ok || outcome.reason !== 'invalid' || outcome.message !== error.message) return undefined;
    return this.invalidParams(method, paramsIssues(outcome.message));
  }
}

/** One thing wrong with a request's params, as the SDK's schema library reports it. */
export interface ParamsIssue {
  /** Where, from the request's root (`['params', 'uri']`). */
  readonly path: readonly (string | number)[];
  readonly code?: string;
  readonly expected?: string;
  /** For an enum: the values allowed. */
  readonly values?: readonly unknown[];
  readonly message?: string;
}

/** The issues of a refusal: the SDK passes the schema library's error on as its JSON text. */
function paramsIssues(message: string): ParamsIssue[] {
  try {
    const issues = JSON.parse(message) as unknown;
    return Array.isArray(issues) ? issues.filter((issue): issue is ParamsIssue => Array.isArray((issue as ParamsIssue | null)?.path)) : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Direct dispatch (fast path): a request served without the SDK's general dispatch.

type Validation = { ok: true; value: Result } | { ok: false; reason: string; message: string };

/** The wire codec of a server's era, as far as the direct dispatch uses it. */
export interface WireCodec {
  readonly era: string;
  validateRequest(method: string, request: unknown): Validation;
  validateInputRequest?(method: string, request: unknown): Validation;
  checkInboundEnvelope(material: { envelope?: Record<string, unknown> }): string | undefined;
  validateEnvelopeMeta(meta: Record<string, unknown>): unknown[];
  validateResult(method: string, result: unknown): Validation;
  encodeResult(method: string, result: Result, serverInfo: unknown): Result;
  encodeErrorCode(code: number): number;
}

/** A request handler of any request type, as the SDK's handler map holds them. */
export type ToolCallHandler = (request: never, ctx: ServerContext) => Promise<Result>;

interface ProtocolInternals {
  _requestHandlerAbortControllers: Map<RequestId, Pick<AbortController, 'abort'>>;
  _supportedProtocolVersions: string[];
  _negotiatedWireCodec(): WireCodec;
  _invokeInputRequiredCapableHandler(method: string, handler: ToolCallHandler, request: JSONRPCRequest, ctx: ServerContext): Promise<Result>;
  _outboundServerInfo(): unknown;
  _onerror(error: Error): void;
  _onrequest(request: JSONRPCRequest, extra: MessageExtraInfo): void;
}

const internals = (server: Server) => server as unknown as ProtocolInternals;
/** The SDK's own context builder (protected): the log closure of a direct call is made with it. */
const sdkBuildContext = (Server.prototype as unknown as { buildContext(this: Server, ctx: BaseContext): ServerContext }).buildContext;

const CALL_ABORT = Symbol('RequestAbort');

/** Whatever makes a request's `AbortSignal` on first read (a `RequestAbort`). */
interface SignalSource {
  readonly signal: AbortSignal;
}

/**
 * The `signal` of every direct context, made on first read from the call's abort.
 * One getter for all calls, not a `get signal()` in the literal: a getter made per call is a new
 * accessor, so each context got a hidden class of its own. Those live in the old generation and
 * point at the getter's closure, so every call's objects (its abort, cancellation, context,
 * exchange, per-request server) outlived their request until the next full collection
 * (docs/performance.md, "One hidden class per call").
 */
const SIGNAL_ACCESSOR: PropertyDescriptor = {
  get(this: { [CALL_ABORT]: SignalSource }): AbortSignal {
    return this[CALL_ABORT].signal;
  },
  enumerable: true,
  configurable: true,
};

/** The context the SDK's dispatch builds for a request with no wire-only material left, its signal made on first read. */
function requestContext(server: Server, request: JSONRPCRequest, envelope: Record<string, unknown> | undefined, extra: MessageExtraInfo, abort: SignalSource): ServerContext {
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
    sdkBuildContext.call(server, { sessionId, mcpReq: { id, method, envelope, notify } } as unknown as BaseContext).mcpReq.log(level as never, data, logger);
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
function shapeTextResult(result: Result, codec: WireCodec, serverInfo: unknown): Result {
  if (codec.era !== MODERN_REVISION || serverInfo === undefined) return result;
  const { content, isError } = result as CallToolResult;
  for (const key in result) if (key !== 'content' && key !== 'isError') return result;
  const _meta = { [SERVER_INFO_META_KEY]: serverInfo };
  return (isError === undefined ? { content, resultType: 'complete', _meta } : { content, isError, resultType: 'complete', _meta }) as unknown as Result;
}

const NO_REQUEST_STATE = () => undefined;

/** Typed access to the request machinery of one SDK server. */
export const sdkProtocol = {
  /** The wire codec of the era the server serves. */
  wireCodec: (server: Server): WireCodec => internals(server)._negotiatedWireCodec(),
  /** Where the server keeps the abort of each request it serves (a cancellation aborts it). */
  requestAborts: (server: Server) => internals(server)._requestHandlerAbortControllers,
  /** Runs a handler the way the SDK runs `tools/call`, `prompts/get` and `resources/read` (input-required seam). */
  invokeInputRequiredCapable: (server: Server, method: string, handler: ToolCallHandler, request: JSONRPCRequest, ctx: ServerContext): Promise<Result> =>
    internals(server)._invokeInputRequiredCapableHandler(method, handler, request, ctx),
  /** The server identity a 2026-07-28 result carries in `_meta`. */
  outboundServerInfo: (server: Server): unknown => internals(server)._outboundServerInfo(),
  reportError: (server: Server, error: Error): void => internals(server)._onerror(error),
  /** The SDK's general dispatch of one request. */
  dispatch: (server: Server, request: JSONRPCRequest, extra: MessageExtraInfo): void => internals(server)._onrequest(request, extra),
  /** Lets `connect()` bind the server to a per-request transport of `revision` (what the SDK entry does before its own `invoke()`). */
  serveRevision(server: Server, revision: string): void {
    const state = internals(server);
    if (!state._supportedProtocolVersions.includes(revision)) state._supportedProtocolVersions = [...state._supportedProtocolVersions, revision];
  },
  /** The context the SDK's dispatch builds for a request with no wire-only material left, its signal made on first read. */
  requestContext,
  /** A text result in the shape the 2026-07-28 encoding gives it, made in one step. */
  shapeTextResult,
};

/**
 * Whether the pinned SDK still behaves as `sdkProtocol` assumes: a plain `tools/call` served
 * through these members gives the result the SDK's own dispatch sends.
 */
export async function sdkProtocolSupport(): Promise<boolean> {
  try {
    const sent: JSONRPCMessage[] = [];
    const transport: Transport = { start: async () => {}, close: async () => {}, send: async (message) => void sent.push(message) };
    const server = new Server({ name: 'probe', version: '0' }, { capabilities: { tools: {} } });
    const handler: ToolCallHandler = async () => ({ content: [{ type: 'text', text: 'probe' }] });
    server.setRequestHandler('tools/call', handler as never);
    await server.connect(transport);
    const request: JSONRPCRequest = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'probe', arguments: {} } };
    sdkProtocol.dispatch(server, request, {});
    for (let turns = 0; sent.length === 0 && turns < 100; turns++) await new Promise((resolve) => setImmediate(resolve));
    const codec = sdkProtocol.wireCodec(server);
    const ctx = { mcpReq: { id: 1, method: 'tools/call', _meta: undefined, requestState: () => undefined } } as unknown as ServerContext;
    const direct = await sdkProtocol.invokeInputRequiredCapable(server, 'tools/call', handler, request, ctx);
    const encoded = codec.encodeResult('tools/call', direct, sdkProtocol.outboundServerInfo(server));
    const general = sent[0] as { result?: unknown } | undefined;
    const aborts = sdkProtocol.requestAborts(server);
    const versions = internals(server)._supportedProtocolVersions;
    await server.close();
    return (
      JSON.stringify(general?.result) === JSON.stringify(encoded) &&
      aborts instanceof Map &&
      Array.isArray(versions) &&
      typeof codec.checkInboundEnvelope === 'function' &&
      typeof codec.validateEnvelopeMeta === 'function' &&
      codec.validateResult('tools/call', direct).ok &&
      typeof codec.encodeErrorCode(-32602) === 'number' &&
      typeof sdkBuildContext === 'function'
    );
  } catch {
    return false;
  }
}
