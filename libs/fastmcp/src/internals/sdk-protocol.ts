/**
 * The SDK's `Protocol` / `Server` internals this library uses, in one place: every `_`-member of
 * `@modelcontextprotocol/server` it touches is named here and nowhere else. Each use has a probe
 * (`sdkProtocolSupport`) that exercises it against the pinned SDK at bootstrap; a failed probe
 * turns off what depends on it.
 */
import {
  Server,
  type BaseContext,
  type CallToolResult,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type MessageExtraInfo,
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

/** The SDK `Server`, able to answer `tools/call` with a task handle: a marked result leaves the SDK's result validation, everything else keeps it. */
export class TaskResultServer extends Server {
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

// ---------------------------------------------------------------------------------------------
// Direct dispatch (fast path): a request served without the SDK's general dispatch.

type Validation = { ok: true; value: Result } | { ok: false; reason: string; message: string };

/** The wire codec of a server's era, as far as the direct dispatch uses it. */
export interface WireCodec {
  readonly era: string;
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
  /** The context the SDK builds for a request (its logging rules included). */
  buildContext: (server: Server, base: BaseContext): ServerContext => sdkBuildContext.call(server, base),
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
