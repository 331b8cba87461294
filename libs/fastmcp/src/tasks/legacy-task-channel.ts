import { RELATED_TASK_META_KEY, type LoggingLevel, type Notification, type Server, type ServerContext } from '@modelcontextprotocol/server';
import type { McpTaskOutbound } from './task-server-context.js';

type OutboundRequest = { method: string; params?: Record<string, unknown> };

/**
 * Delivers a 2025-11-25 task's server-to-client messages once its `tools/call` has been
 * answered: on the stream of a waiting `tasks/result` when there is one, else on the session's
 * standalone stream (spec 2025-11-25 "Input Required Status": clients expect task messages on
 * any stream). Every message carries the related-task `_meta`, and the task reads
 * `input_required` while one of its questions waits for an answer.
 */
export class LegacyTaskChannel implements McpTaskOutbound {
  private readonly resultStreams: ServerContext[] = [];
  private waiting = 0;

  constructor(
    private readonly taskId: string,
    private readonly server: Server,
    private readonly sessionId: string | undefined,
    private readonly onInputRequired: (waiting: boolean) => void,
  ) {}

  /** Routes messages through a `tasks/result` request while it waits; returns the detach function. */
  attach(resultCtx: ServerContext): () => void {
    this.resultStreams.push(resultCtx);
    return () => {
      const index = this.resultStreams.indexOf(resultCtx);
      if (index >= 0) this.resultStreams.splice(index, 1);
    };
  }

  async send(request: OutboundRequest, ...rest: unknown[]): Promise<unknown> {
    const tagged = this.tagged(request);
    if (this.waiting++ === 0) this.onInputRequired(true);
    try {
      const via = this.resultStreams.at(-1);
      const send = (via ? via.mcpReq.send : this.server.request.bind(this.server)) as (r: OutboundRequest, ...more: unknown[]) => Promise<unknown>;
      return await send(tagged, ...rest);
    } finally {
      if (--this.waiting === 0) this.onInputRequired(false);
    }
  }

  notify(notification: Notification): Promise<void> {
    const tagged = this.tagged(notification) as Notification;
    const via = this.resultStreams.at(-1);
    return via ? via.mcpReq.notify(tagged) : this.server.notification(tagged);
  }

  log(level: LoggingLevel, data: unknown, logger?: string): Promise<void> {
    const params = { level, data, ...(logger !== undefined ? { logger } : {}), _meta: { [RELATED_TASK_META_KEY]: { taskId: this.taskId } } };
    return this.server.sendLoggingMessage(params, this.sessionId);
  }

  private tagged<T extends OutboundRequest>(message: T): T {
    const params = message.params ?? {};
    const meta = (params._meta as Record<string, unknown> | undefined) ?? {};
    return { ...message, params: { ...params, _meta: { ...meta, [RELATED_TASK_META_KEY]: { taskId: this.taskId } } } };
  }
}
