import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  isInputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  type CallToolResult,
  type InputRequiredResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { bindHttpExchange, httpExchangeOf, type McpHttpExchange } from '../common/mcp-http-exchange.js';
import { LegacyTaskChannel } from './legacy-task-channel.js';
import { McpTaskCancelledError } from './task-cancelled.error.js';
import type { McpTask, McpTaskError, McpTaskPatch } from '../interfaces/mcp-task.interface.js';
import { MCP_TASK_STORE, type McpTaskStore } from '../interfaces/mcp-task-store.interface.js';
import { taskServerContext } from './task-server-context.js';

/** One run of a tool over the given SDK context, exactly as `tools/call` runs it (`ToolsHandler`). */
export type McpToolRun = (serverCtx: ServerContext) => Promise<CallToolResult | InputRequiredResult>;

interface LiveTask {
  readonly controller: AbortController;
  readonly channel?: LegacyTaskChannel;
  /** Wakes a run parked on `input_required` once every question has an answer. */
  wake?: () => void;
  done?: Promise<void>;
}

/**
 * Runs tasks in the background of this process and owns their abort controllers: `tasks/cancel`,
 * the TTL and shutdown abort the handler's `ctx.signal`. A 2026-07-28 run that needs input
 * parks the task on `input_required` and runs again, with the answers, after `tasks/update`
 * (the multi-round-trip model of `ClientRequests`). The store keeps the observable state.
 */
@Injectable()
export class McpTaskRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('McpTasks');
  private readonly live = new Map<string, LiveTask>();
  private readonly locks = new Map<string, Promise<unknown>>();

  private readonly stopWatching: (() => void)[] = [];

  constructor(@Inject(MCP_TASK_STORE) private readonly store: McpTaskStore) {
    // A task cancelled, or answered, through another instance is aborted, or resumed, here where it runs.
    for (const stop of [store.onCancelled?.((taskId) => this.cancel(taskId)), store.onResumeRequested?.((taskId) => this.resume(taskId))]) if (stop) this.stopWatching.push(stop);
  }

  /** Starts `task` (already in the store) in the background. */
  launch(task: McpTask, run: McpToolRun, call: ServerContext, scope: McpServeScope): void {
    const controller = new AbortController();
    const channel =
      scope.era === 'legacy'
        ? new LegacyTaskChannel(task.taskId, scope.server, call.sessionId, (waiting) =>
            void this.patch(task.taskId, { status: waiting ? 'input_required' : 'working' }),
          )
        : undefined;
    const entry: LiveTask = { controller, channel };
    this.live.set(task.taskId, entry);
    const expiry = setTimeout(() => controller.abort(new McpTaskCancelledError(task.taskId, 'expired')), task.ttlMs);
    expiry.unref();
    // The call's HTTP exchange ends with its CreateTaskResult: keep its request (user, headers),
    // not its disconnect, or the task would be aborted as soon as it was created.
    const exchange = httpExchangeOf(call)?.detached();
    entry.done = this.execute(task, entry, run, call, exchange)
      .catch((error: Error) => this.logger.error(`Task ${task.taskId} (${task.toolName}) broke: ${error.message}`, error.stack))
      .finally(() => {
        clearTimeout(expiry);
        this.live.delete(task.taskId);
      });
  }

  /** Aborts a running task's handler: its `ctx.signal` fires with an `McpTaskCancelledError`. */
  cancel(taskId: string): void {
    this.live.get(taskId)?.controller.abort(new McpTaskCancelledError(taskId, 'cancelled'));
  }

  /** Resumes a task parked on `input_required`; `false` when no run of it is alive in this process. */
  resume(taskId: string): boolean {
    const entry = this.live.get(taskId);
    entry?.wake?.();
    return entry !== undefined;
  }

  /** Resolves once the task's run has ended (at once when none is alive here), or when `signal` aborts. */
  settled(taskId: string, signal: AbortSignal): Promise<void> {
    const done = this.live.get(taskId)?.done;
    if (!done || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve(), { once: true });
      void done.then(resolve);
    });
  }

  /** Lets a waiting legacy `tasks/result` carry the task's questions (see `LegacyTaskChannel`). */
  attachResultStream(taskId: string, resultCtx: ServerContext): () => void {
    return this.live.get(taskId)?.channel?.attach(resultCtx) ?? (() => undefined);
  }

  /** Runs `work` alone among the changes to one task: read-modify-write of `tasks/update` stays whole. */
  exclusive<T>(taskId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(taskId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.locks.set(taskId, tail);
    void tail.then(() => this.locks.get(taskId) === tail && this.locks.delete(taskId));
    return next;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const stop of this.stopWatching.splice(0)) stop();
    const running = [...this.live.entries()];
    await Promise.all(running.map(([taskId]) => this.patch(taskId, { status: 'cancelled', statusMessage: 'The server shut down' })));
    for (const [taskId, entry] of running) entry.controller.abort(new McpTaskCancelledError(taskId, 'shutdown'));
  }

  private async execute(task: McpTask, entry: LiveTask, run: McpToolRun, call: ServerContext, exchange?: McpHttpExchange): Promise<void> {
    let answers = task.answers ?? {};
    for (;;) {
      const ctx = bindHttpExchange(taskServerContext(call, { taskId: task.taskId, signal: entry.controller.signal, answers, outbound: entry.channel }), exchange);
      let result: CallToolResult | InputRequiredResult;
      try {
        result = await run(ctx);
      } catch (error) {
        // The call would have answered with a JSON-RPC error: the task fails with it (SEP-2663 "failed").
        const failure = taskError(error);
        await this.patch(task.taskId, { status: 'failed', statusMessage: failure.message, error: failure, inputRequests: undefined });
        return;
      }
      if (!isInputRequiredResult(result)) {
        // spec 2025-11-25 counts a tool error as `failed`; SEP-2663 as `completed` with `isError`.
        const failed = task.era === 'legacy' && result.isError === true;
        await this.patch(task.taskId, { status: failed ? 'failed' : 'completed', result, inputRequests: undefined });
        return;
      }
      const input = this.untilResumed(entry);
      await this.patch(task.taskId, { status: 'input_required', inputRequests: result.inputRequests ?? {} });
      if (!(await input)) return;
      answers = (await this.store.get(task.taskId))?.answers ?? answers;
    }
  }

  private untilResumed(entry: LiveTask): Promise<boolean> {
    const { signal } = entry.controller;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
      entry.wake = () => {
        entry.wake = undefined;
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      };
    });
  }

  private patch(taskId: string, patch: McpTaskPatch): Promise<unknown> {
    return this.exclusive(taskId, () => this.store.update(taskId, patch)).catch((error: Error) =>
      this.logger.error(`Task ${taskId}: could not record its state: ${error.message}`),
    );
  }
}

function taskError(error: unknown): McpTaskError {
  if (error instanceof ProtocolError) return { code: error.code, message: error.message, ...(error.data !== undefined ? { data: error.data } : {}) };
  return { code: ProtocolErrorCode.InternalError, message: error instanceof Error ? error.message : String(error) };
}
