import type { LoggingLevel, Notification, ServerContext } from '@modelcontextprotocol/server';
import { withTaskBinding } from '../common/task-binding.js';

/** Where a legacy task's server-to-client messages go once its call has been answered. */
export interface McpTaskOutbound {
  send(request: { method: string; params?: Record<string, unknown> }, ...rest: unknown[]): Promise<unknown>;
  notify(notification: Notification): Promise<void>;
  log(level: LoggingLevel, data: unknown, logger?: string): Promise<void>;
}

export interface McpTaskRunScope {
  readonly taskId: string;
  /** Aborted by `tasks/cancel`, the task's TTL or shutdown: the handler's `ctx.signal` follows it. */
  readonly signal: AbortSignal;
  /** The client's answers so far, served to `ctx.elicit()` and friends as on a retried request. */
  readonly answers: Record<string, unknown>;
  /** Legacy sessions only; a 2026-07-28 task has no stream left and asks through `inputRequests`. */
  readonly outbound?: McpTaskOutbound;
}

const NOTHING = () => Promise.resolve();

/**
 * The SDK context a task's run sees in place of its call's: same request identity, `_meta` and
 * envelope, but the task's abort signal, the answers gathered so far, and outbound messages
 * that no longer depend on the call's (finished) response stream.
 */
export function taskServerContext(call: ServerContext, run: McpTaskRunScope): ServerContext {
  const outbound = run.outbound;
  const send = (outbound ? outbound.send.bind(outbound) : () => Promise.reject(new Error('No stream to the client'))) as ServerContext['mcpReq']['send'];
  const ctx: ServerContext = {
    sessionId: call.sessionId,
    mcpReq: {
      id: call.mcpReq.id,
      method: call.mcpReq.method,
      _meta: call.mcpReq._meta,
      envelope: call.mcpReq.envelope,
      requestState: () => undefined,
      signal: run.signal,
      send,
      notify: outbound ? (notification) => outbound.notify(notification) : NOTHING,
      log: outbound ? (level, data, logger) => outbound.log(level, data, logger) : NOTHING,
      elicitInput: (params, options) => send({ method: 'elicitation/create', params }, options),
      requestSampling: (params, options) => send({ method: 'sampling/createMessage', params }, options),
    },
    http: call.http?.authInfo ? { authInfo: call.http.authInfo } : undefined,
  };
  return withTaskBinding(ctx, { taskId: run.taskId, start: NOTHING, answers: run.answers });
}
