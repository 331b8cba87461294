import { Server, type BaseContext, type CallToolResult, type JSONRPCRequest, type MessageExtraInfo, type Result, type ServerContext } from '@modelcontextprotocol/server';
import { bindHttpExchange, exchangeOfMessage } from '../transports/mcp-http-exchange.js';

type Handler = (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>;

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
  /** Whether this SDK build still has the request handler {@link dispatchRequest} calls. */
  static supportsDirectDispatch(): boolean {
    return typeof (Server.prototype as unknown as { _onrequest?: unknown })._onrequest === 'function';
  }

  /**
   * Dispatches a request the transport already knows to be one, as its message handler would
   * after telling requests from responses and notifications (three schema checks per message).
   */
  dispatchRequest(request: JSONRPCRequest, extra: MessageExtraInfo): void {
    (this as unknown as { _onrequest(request: JSONRPCRequest, extra: MessageExtraInfo): void })._onrequest(request, extra);
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
