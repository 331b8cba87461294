import {
  ProtocolError,
  ProtocolErrorCode,
  type BaseContext,
  type CallToolRequest,
  type CallToolResult,
  type Implementation,
  type InputRequiredResult,
  type MessageExtraInfo,
  type Notification,
  type NotificationOptions,
  type ServerContext,
  type ServerOptions,
  type Transport,
} from '@modelcontextprotocol/server';
import { bindHttpExchange, exchangeOfMessage, type McpHttpExchange } from '../common/mcp-http-exchange.js';
import { invalidParams } from '../errors/mcp.messages.js';
import { TaskResultServer, type ParamsIssue } from '../internals/sdk-protocol.js';
import { describeParamsIssue } from './params-issue.js';

/**
 * What a connection fixes for all its messages when it has no HTTP request per message (the
 * testing kit's in-memory connection): the exchange its caller stands on, and for a legacy
 * session the id the session manager knows it by.
 */
export interface McpFixedConnection {
  readonly exchange: McpHttpExchange;
  readonly sessionId?: string;
}

export type McpToolCallHandler = (request: CallToolRequest, ctx: ServerContext) => Promise<CallToolResult | InputRequiredResult>;

/**
 * The SDK `Server` of one legacy session or one 2026-07-28 request: it can answer `tools/call`
 * with a task handle (see `TaskResultServer`), and each request's context carries the HTTP
 * exchange its message arrived on (see `McpMessageExtra`).
 */
export class McpSdkServer extends TaskResultServer {
  private toolCall?: McpToolCallHandler;
  /** Told the method of every notification this server sends (set only when someone counts them). */
  notificationSent?: (method: string) => void;

  constructor(
    info: Implementation,
    options?: ServerOptions,
    private readonly connection?: McpFixedConnection,
  ) {
    super(info, options);
  }

  /** A fixed connection's session id goes on its transport, where the SDK reads every request's `sessionId`. */
  override connect(transport: Transport): Promise<void> {
    if (this.connection?.sessionId !== undefined) transport.sessionId ??= this.connection.sessionId;
    return super.connect(transport);
  }

  override notification(notification: Notification, options?: NotificationOptions): Promise<void> {
    this.notificationSent?.(notification.method);
    return super.notification(notification, options);
  }

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
    return bindHttpExchange(super.buildContext(ctx, transportInfo), exchangeOfMessage(transportInfo) ?? this.connection?.exchange);
  }
}
