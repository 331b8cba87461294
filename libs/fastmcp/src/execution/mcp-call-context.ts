import { Logger } from '@nestjs/common';
import { CLIENT_INFO_META_KEY } from '@modelcontextprotocol/server';
import type {
  ClientCapabilities,
  CreateMessageResult,
  Implementation,
  InputRequiredResult,
  LoggingLevel,
  ProgressNotificationParams,
  Root,
  SamplingMessage,
  ServerContext,
} from '@modelcontextprotocol/server';
import type { McpLogRedactor } from '../redaction/log-redactor.js';
import { taskBindingOf } from '../common/task-binding.js';
import { CallCancellation } from './call-cancellation.js';
import { ClientRequests } from './client-requests.js';
import { DetachedHttpResponse } from '../common/detached-http-response.js';
import { requestWithoutHttp } from './mcp-call-arguments.js';
import type { McpRound } from './request-round.js';
import type { McpRequestStateCodec } from './request-state.codec.js';
import { abortNoticeOf } from './request-abort.js';
import type { McpCallOutcome, McpEventMap } from '../events/mcp-event-map.js';
import type { McpEvents } from '../events/mcp-events.js';
import type { McpTransportKind } from '../common/mcp-transport-kind.js';
import type { McpHttpExchange } from '../common/mcp-http-exchange.js';
import type { McpAskOptions, McpContext, McpElicitation, McpElicitSchema, McpLogger, McpLogLevel, McpSampleOptions, McpTraceContext } from '../interfaces/mcp-context.interface.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import type { McpCallFailure } from '../common/mcp-call-failure.js';

const NEST_LOG_METHOD: Record<McpLogLevel, 'debug' | 'log' | 'warn' | 'error'> = {
  debug: 'debug',
  info: 'log',
  notice: 'log',
  warning: 'warn',
  error: 'error',
  critical: 'error',
  alert: 'error',
  emergency: 'error',
};


export interface McpCallSettings {
  readonly handlerName: string;
  readonly logger: Logger;
  readonly events: McpEvents;
  /** Aborts the call's signal after this long. */
  readonly timeoutMs?: number;
  /** Minimum gap between two progress notifications. */
  readonly progressIntervalMs: number;
  readonly stateCodec: McpRequestStateCodec;
  /** Scrubs secrets from logged data before it reaches any log or the client. */
  readonly redactor: McpLogRedactor;
}

/** The `McpContext` of one MCP request, a thin view over the SDK's handler context. */
export class McpCallContext implements McpContext {
  /** When the call stops early (client cancel, disconnect, timeout); `signal` is made from it. */
  readonly cancellation: CallCancellation;
  private logger?: McpLogger;
  private lastProgress = Number.NEGATIVE_INFINITY;
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private pendingProgress?: ProgressNotificationParams;
  private progressTimer?: NodeJS.Timeout;
  private clientRequests?: ClientRequests;
  private stdioRequest?: McpHttpRequest;
  private stdioResponse?: DetachedHttpResponse;

  constructor(
    private readonly serverCtx: ServerContext,
    private readonly scope: McpServeScope,
    private readonly exchange: McpHttpExchange | undefined,
    private readonly settings: McpCallSettings,
    /** The 2026-07-28 multi-round-trip round of the request, for the requests that have one. */
    private readonly round?: McpRound,
  ) {
    this.cancellation = new CallCancellation(abortNoticeOf(serverCtx), exchange, settings.timeoutMs);
  }

  /** Why the call failed, once the tools handler knows (see `reportFailure`). */
  exchangeFailure?: McpCallFailure;

  /** Records why the call failed on its HTTP exchange, for an HTTP face that maps it to a status. */
  reportFailure(failure: McpCallFailure): void {
    if (this.exchange) this.exchange.callFailure = failure;
  }

  get signal(): AbortSignal {
    return this.cancellation.signal;
  }

  /** Made on first use: most calls never log. */
  get log(): McpLogger {
    if (!this.logger) {
      const log = (level: McpLogLevel) => (message: string, data?: unknown) => this.emitLog(level, message, data);
      this.logger = { debug: log('debug'), info: log('info'), notice: log('notice'), warning: log('warning'), error: log('error') };
    }
    return this.logger;
  }

  get sessionId(): string | undefined {
    return this.serverCtx.sessionId;
  }

  get requestId(): string | number {
    return this.serverCtx.mcpReq.id;
  }

  get method(): string {
    return this.serverCtx.mcpReq.method;
  }

  get era(): 'legacy' | 'modern' {
    return this.scope.era;
  }

  get transport(): McpTransportKind {
    return this.scope.transport;
  }

  get request(): McpHttpRequest | undefined {
    return this.exchange?.request;
  }

  get user(): unknown {
    return this.exchange?.user;
  }

  /**
   * What `switchToHttp().getRequest()` gives in this call's pipeline: the HTTP request, or one
   * with no headers and no user when the call came without HTTP (stdio).
   */
  get httpRequest(): McpHttpRequest {
    return this.exchange?.request ?? (this.stdioRequest ??= requestWithoutHttp());
  }

  /** What `switchToHttp().getResponse()` gives: the HTTP response, or a detached one. */
  get httpResponse(): unknown {
    return this.exchange ? this.exchange.response : (this.stdioResponse ??= new DetachedHttpResponse());
  }

  get clientInfo(): Implementation | undefined {
    // A 2026-07-28 request names its client in its own envelope, not in a handshake.
    if (this.scope.era === 'modern') {
      const envelope = this.serverCtx.mcpReq.envelope as Record<string, unknown> | undefined;
      return (envelope?.[CLIENT_INFO_META_KEY] as Implementation | undefined) ?? this.scope.server.getClientVersion();
    }
    return this.scope.server.getClientVersion();
  }

  get protocolVersion(): string | undefined {
    return this.scope.server.getNegotiatedProtocolVersion();
  }

  get meta(): Readonly<Record<string, unknown>> | undefined {
    return this.serverCtx.mcpReq._meta as Record<string, unknown> | undefined;
  }

  /** W3C trace context the client propagated in `_meta` (SEP-414), for OpenTelemetry. */
  get traceContext(): McpTraceContext {
    const meta = this.meta ?? {};
    const pick = (key: string) => (typeof meta[key] === 'string' ? (meta[key] as string) : undefined);
    return { traceparent: pick('traceparent'), tracestate: pick('tracestate'), baggage: pick('baggage') };
  }

  /** Whether the signal fired because the call ran out of time (not because the client cancelled). */
  get timedOut(): boolean {
    return this.cancellation.timedOut;
  }

  get taskId(): string | undefined {
    return taskBindingOf(this.serverCtx)?.taskId;
  }

  startTask(): Promise<void> {
    return taskBindingOf(this.serverCtx)?.start() ?? Promise.resolve();
  }

  /** The SDK context, for what this view does not cover. */
  get sdk(): ServerContext {
    return this.serverCtx;
  }

  async reportProgress(progress: number, total?: number, message?: string): Promise<void> {
    const progressToken = this.serverCtx.mcpReq._meta?.progressToken;
    // spec basic/utilities/progress: progress MUST increase with each notification.
    if (progressToken === undefined || !(progress > this.lastProgress)) return;
    this.lastProgress = progress;
    const params = { progressToken, progress, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}) };
    const wait = this.lastProgressAt + this.settings.progressIntervalMs - performance.now();
    const final = total !== undefined && progress >= total;
    if (final || wait <= 0) return this.sendProgress(params);
    // Too soon after the last one: keep only the newest and send it when the interval is over,
    // so a tight loop sends one update per interval and the latest value is never lost.
    this.pendingProgress = params;
    this.progressTimer ??= setTimeout(() => void this.flushProgress(), wait);
  }

  /**
   * Sends a progress update still held back by the throttle; called before the call's result
   * goes out. `undefined` when nothing was held back: most calls then need not wait at all.
   */
  flushProgress(): Promise<void> | undefined {
    if (this.progressTimer !== undefined) {
      clearTimeout(this.progressTimer);
      this.progressTimer = undefined;
    }
    const pending = this.pendingProgress;
    return pending ? this.sendProgress(pending) : undefined;
  }

  private async sendProgress(params: ProgressNotificationParams): Promise<void> {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.pendingProgress = undefined;
    this.lastProgressAt = performance.now();
    await this.serverCtx.mcpReq.notify({ method: 'notifications/progress', params }).catch(() => undefined);
  }


  elicit<T = Record<string, unknown>>(message: string, schema: McpElicitSchema, options?: McpAskOptions): Promise<McpElicitation<T>> {
    return this.client().elicit<T>(message, schema, options);
  }

  elicitUrl(message: string, url: string, options?: McpAskOptions): Promise<{ action: 'accept' | 'decline' | 'cancel' }> {
    return this.client().elicitUrl(message, url, options);
  }

  sample(messages: string | SamplingMessage[], options?: McpSampleOptions & McpAskOptions): Promise<CreateMessageResult> {
    return this.client().sample(messages, options);
  }

  listRoots(options?: McpAskOptions): Promise<Root[]> {
    return this.client().listRoots(options);
  }

  get clientCapabilities(): ClientCapabilities | undefined {
    return this.client().clientCapabilities();
  }

  closeStream(): void {
    this.serverCtx.http?.closeSSE?.();
  }

  /** The 2026-07-28 answer to a handler that unwound with questions for the client. */
  inputRequired(): Promise<InputRequiredResult> {
    return this.client().inputRequiredResult();
  }

  private client(): ClientRequests {
    return (this.clientRequests ??= new ClientRequests(this.serverCtx, this.scope, this.settings.stateCodec, this.round));
  }

  /**
   * The `tool.called` event of this call. Every field is written out: a spread of a caller-info
   * object into a literal this size is a slow copy on every call (docs/performance.md, "Events
   * built field by field").
   */
  toolCalledEvent(tool: string, args: unknown, outcome: McpCallOutcome, error: string | undefined, durationMs: number, reason?: string): McpEventMap['tool.called'] {
    return {
      sessionId: this.sessionId,
      era: this.era,
      transport: this.transport,
      user: this.user,
      clientInfo: this.clientInfo,
      protocolVersion: this.protocolVersion,
      requestId: this.requestId,
      tool,
      arguments: args,
      outcome,
      error,
      reason,
      durationMs,
    };
  }

  /** The `access.denied` event of this request, refused for `reason` (the client saw `error`). */
  accessDeniedEvent(target: string, args: unknown, reason: string, error: string): McpEventMap['access.denied'] {
    return {
      sessionId: this.sessionId,
      era: this.era,
      transport: this.transport,
      user: this.user,
      clientInfo: this.clientInfo,
      protocolVersion: this.protocolVersion,
      requestId: this.requestId,
      method: this.method,
      target,
      arguments: args,
      reason,
      error,
    };
  }

  private emitLog(level: McpLogLevel, message: string, raw: unknown): void {
    const { logger, handlerName, events, redactor } = this.settings;
    const data = raw === undefined ? undefined : redactor.redact(raw);
    logger[NEST_LOG_METHOD[level]](data === undefined ? message : `${message} ${safeJson(data)}`);
    if (events.has('log.emitted')) {
      const { sessionId, era, transport, user, clientInfo, protocolVersion } = this;
      events.emit('log.emitted', { sessionId, era, transport, user, clientInfo, protocolVersion, level, logger: handlerName, message, data });
    }
    // The SDK filters by the level the client asked for (logging/setLevel, or the
    // 2026-07-28 `_meta` log level, without which nothing is sent).
    this.serverCtx.mcpReq.log(level as LoggingLevel, data === undefined ? message : { message, data }, handlerName).catch(() => undefined);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
