import { Server, type BaseContext, type CallToolResult, type JSONRPCRequest, type MessageExtraInfo, type Result, type ServerContext } from '@modelcontextprotocol/server';
import { VerdictMemory } from '../common/verdict-memory.js';
import { sdkSupportsDirectToolCalls, serveToolCall, type ProtocolInternals, type ToolCallHandler } from '../accel/dispatch/direct-tool-call.js';
import { liftPlainToolCall } from '../accel/dispatch/tool-call-lift.js';
import { bindHttpExchange, exchangeOfMessage } from '../common/mcp-http-exchange.js';

type Handler = (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>;

const createdTaskResults = new WeakSet<object>();
const envelopeVerdicts = new VerdictMemory<boolean>(256);

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
 * The direct transports hand it their requests through {@link TaskAwareServer.dispatchRequest}.
 */
export class TaskAwareServer extends Server {
  private toolCall?: ToolCallHandler;
  private readonly internals = this as unknown as ProtocolInternals;

  /** Whether this SDK build still has the request machinery {@link dispatchRequest} uses. */
  static supportsDirectDispatch(): boolean {
    return sdkSupportsDirectToolCalls();
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
   * checked) is served without the SDK's general dispatch (`serveToolCall`).
   */
  dispatchRequest(request: JSONRPCRequest, extra: MessageExtraInfo): void {
    const lifted = this.toolCall && this.servesEra(extra) ? liftPlainToolCall(request) : undefined;
    if (lifted) return serveToolCall(this, this.toolCall!, lifted, extra, isTaskCreated);
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
    const codec = this.internals._negotiatedWireCodec();
    // A client sends the same envelope with every request, and the check is a schema parse: its
    // verdict is remembered by the envelope's JSON (the check depends on nothing else).
    return envelopeVerdicts.verdict(`${codec.era}\n${JSON.stringify(meta)}`, () => codec.validateEnvelopeMeta(meta).length === 0);
  }

  /**
   * Lets `connect()` bind this instance to a per-request transport of a modern revision (the
   * SDK entry does the same before its own `invoke()`, with `installModernOnlyHandlers`).
   */
  serveRevision(revision: string): void {
    if (!this._supportedProtocolVersions.includes(revision)) this._supportedProtocolVersions = [...this._supportedProtocolVersions, revision];
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

function isTaskCreated(result: Result): boolean {
  return createdTaskResults.has(result);
}
