import type {
  ClientCapabilities,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  Implementation,
  Root,
  SamplingMessage,
} from '@modelcontextprotocol/server';
import type { McpSchemaInput } from './schema-input.interface.js';
import type { McpTransportKind } from '../common/mcp-transport-kind.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';

/** @publicApi */
export type McpLogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency';

export type { McpHttpRequest } from '../common/mcp-http-request.js';

/** @publicApi */
export interface McpLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  notice(message: string, data?: unknown): void;
  warning(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/**
 * W3C trace context propagated in a request's `_meta`.
 *
 * @publicApi
 */
export interface McpTraceContext {
  traceparent?: string;
  tracestate?: string;
  baggage?: string;
}

/**
 * The client's answer to `ctx.elicit()`.
 *
 * @publicApi
 */
export type McpElicitation<T> = { action: 'accept'; content: T } | { action: 'decline' | 'cancel' };

/** @publicApi */
export type McpSampleOptions = Partial<Omit<CreateMessageRequestParams, 'messages'>>;

/**
 * What `ctx.elicit()` accepts: a zod schema or DTO class (answers are validated), or a wire-ready JSON Schema.
 *
 * @publicApi
 */
export type McpElicitSchema = McpSchemaInput | ElicitRequestFormParams['requestedSchema'];

/** @publicApi */
export interface McpAskOptions {
  /**
   * The key of this question in a 2026-07-28 `inputRequests` map. Default: the kind and order
   * of the question (`elicit-0`, `sample-1` ...).
   */
  key?: string;
}

/**
 * The second parameter of every MCP handler.
 *
 * @publicApi
 */
export interface McpContext<TUser = unknown> {
  /** The legacy-era session id; `undefined` for 2026-07-28 requests and stateless serving. */
  readonly sessionId: string | undefined;
  /** The JSON-RPC id of the request being handled. */
  readonly requestId: string | number;
  /** The MCP method, e.g. `tools/call`. */
  readonly method: string;
  /** `legacy` for 2025-era sessions, `modern` for 2026-07-28 per-request traffic. */
  readonly era: 'legacy' | 'modern';
  readonly transport: McpTransportKind;
  /** Aborted when the client cancels the request, drops the connection, or the tool times out. */
  readonly signal: AbortSignal;
  /** The HTTP request, when the message came over HTTP. */
  readonly request: McpHttpRequest | undefined;
  /** The authenticated principal (`req.user`), when there is one. */
  readonly user: TUser | undefined;
  /** The client's name and version (from `initialize`, or the 2026-07-28 request envelope). */
  readonly clientInfo: Implementation | undefined;
  /** The protocol revision this request is served at. */
  readonly protocolVersion: string | undefined;
  /** The request's `_meta`, as the client sent it (reserved envelope keys lifted out). */
  readonly meta: Readonly<Record<string, unknown>> | undefined;
  /** OpenTelemetry / W3C trace context from the request's `_meta`. */
  readonly traceContext: McpTraceContext;
  /**
   * Sends `notifications/progress` when the client asked for progress (a no-op otherwise).
   * Throttled (`progressIntervalMs`): an update too close to the previous one is held and sent
   * at the end of the interval (replaced by any newer one); the final one (`progress >= total`)
   * goes out at once, and nothing held is sent after the result.
   */
  reportProgress(progress: number, total?: number, message?: string): Promise<void>;
  /** Logs to the Nest logger and, at the level the client asked for, to the client. */
  readonly log: McpLogger;
  /**
   * Asks the user for structured input (form elicitation); `content` is validated against
   * `schema`. Works in both eras (see `ClientRequests`): in 2026-07-28 the handler runs again
   * once the client answers, so ask before doing side effects, in a fixed order.
   */
  elicit<T = Record<string, unknown>>(message: string, schema: McpElicitSchema, options?: McpAskOptions): Promise<McpElicitation<T>>;
  /** Sends the user to a URL (URL-mode elicitation) and reports whether they went. */
  elicitUrl(message: string, url: string, options?: McpAskOptions): Promise<{ action: 'accept' | 'decline' | 'cancel' }>;
  /** Asks the client's model for a completion (sampling; `tools` where the client supports them). */
  sample(messages: string | SamplingMessage[], options?: McpSampleOptions & McpAskOptions): Promise<CreateMessageResult>;
  /** The client's filesystem roots. */
  listRoots(options?: McpAskOptions): Promise<Root[]>;
  /** The capabilities the client declared (at `initialize`, or in the 2026-07-28 request envelope). */
  readonly clientCapabilities: ClientCapabilities | undefined;
  /**
   * Ends this request's SSE stream early on a legacy session with an event store; the client
   * reconnects with `Last-Event-ID` and receives the rest (SEP-1699 polling). No-op elsewhere.
   */
  closeStream(): void;
  /** The task this call runs in (see `task` on `@McpTool`); `undefined` for a plain call. */
  readonly taskId: string | undefined;
  /**
   * Where a tool declared with `task: { start: 'handler' }` becomes a task: before it, the
   * handler runs within its request; the client gets a task handle here, and the handler runs
   * again from the top as the task, with the answers it already received. Resolves at once in
   * a task or a plain call.
   */
  startTask(): Promise<void>;
}
