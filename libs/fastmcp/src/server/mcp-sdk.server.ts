import type { BaseContext, CallToolRequest, CallToolResult, InputRequiredResult, MessageExtraInfo, ServerContext } from '@modelcontextprotocol/server';
import { bindHttpExchange, exchangeOfMessage } from '../common/mcp-http-exchange.js';
import { TaskResultServer } from '../internals/sdk-protocol.js';

import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { invalidParams } from '../errors/mcp.messages.js';
import type { ParamsIssue } from '../internals/sdk-protocol.js';
import { describeParamsIssue } from './params-issue.js';

export type McpToolCallHandler = (request: CallToolRequest, ctx: ServerContext) => Promise<CallToolResult | InputRequiredResult>;

/**
 * The SDK `Server` of one legacy session or one 2026-07-28 request: it can answer `tools/call`
 * with a task handle (see `TaskResultServer`), and each request's context carries the HTTP
 * exchange its message arrived on (see `McpMessageExtra`).
 */
export class McpSdkServer extends TaskResultServer {
  private toolCall?: McpToolCallHandler;

  /** The `tools/call` handler, for whoever serves a plain call without the SDK's general dispatch. */
  get toolCallHandler(): McpToolCallHandler | undefined {
    return this.toolCall;
  }

  setToolCallHandler(handler: McpToolCallHandler): void {
    this.setRequestHandler('tools/call', handler);
    this.toolCall = handler;
  }

  /** -32602 naming the first field at fault, in both eras (see `TaskResultServer`). */
  protected override invalidParams(_method: string, issues: readonly ParamsIssue[]): Error {
    return new ProtocolError(ProtocolErrorCode.InvalidParams, invalidParams(describeParamsIssue(issues[0])));
  }

  protected override buildContext(ctx: BaseContext, transportInfo?: MessageExtraInfo): ServerContext {
    return bindHttpExchange(super.buildContext(ctx, transportInfo), exchangeOfMessage(transportInfo));
  }
}
