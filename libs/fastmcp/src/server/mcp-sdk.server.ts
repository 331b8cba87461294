import type { BaseContext, CallToolRequest, CallToolResult, Implementation, InputRequiredResult, MessageExtraInfo, ServerContext, ServerOptions } from '@modelcontextprotocol/server';
import { bindHttpExchange, exchangeOfMessage, type McpHttpExchange } from '../common/mcp-http-exchange.js';
import { TaskResultServer } from '../internals/sdk-protocol.js';

export type McpToolCallHandler = (request: CallToolRequest, ctx: ServerContext) => Promise<CallToolResult | InputRequiredResult>;

/**
 * The SDK `Server` of one legacy session or one 2026-07-28 request: it can answer `tools/call`
 * with a task handle (see `TaskResultServer`), and each request's context carries the HTTP
 * exchange its message arrived on (see `McpMessageExtra`).
 */
export class McpSdkServer extends TaskResultServer {
  private toolCall?: McpToolCallHandler;

  /**
   * `connectionExchange`: the exchange every message stands on when the connection itself has
   * one (the testing kit's in-memory connection, whose caller is fixed when it is made).
   */
  constructor(
    info: Implementation,
    options?: ServerOptions,
    private readonly connectionExchange?: McpHttpExchange,
  ) {
    super(info, options);
  }

  /** The `tools/call` handler, for whoever serves a plain call without the SDK's general dispatch. */
  get toolCallHandler(): McpToolCallHandler | undefined {
    return this.toolCall;
  }

  setToolCallHandler(handler: McpToolCallHandler): void {
    this.setRequestHandler('tools/call', handler);
    this.toolCall = handler;
  }

  protected override buildContext(ctx: BaseContext, transportInfo?: MessageExtraInfo): ServerContext {
    return bindHttpExchange(super.buildContext(ctx, transportInfo), exchangeOfMessage(transportInfo) ?? this.connectionExchange);
  }
}
