import { Inject, Injectable } from '@nestjs/common';
import { ProtocolError, ProtocolErrorCode, type Result, type ServerContext } from '@modelcontextprotocol/server';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { paginate } from '../common/pagination.js';
import { isTerminalStatus, type McpTask } from '../interfaces/mcp-task.interface.js';
import { MCP_TASK_STORE, type McpTaskStore } from '../interfaces/mcp-task-store.interface.js';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { McpTaskRunner } from './mcp-task-runner.js';
import { McpTaskAccess } from './task-access.js';
import { callerOf, mayAccess } from './task-owner.js';
import { toLegacyTask, toLegacyTaskPayload } from './task-wire.mapper.js';
import { taskNotFound } from '../errors/mcp.messages.js';

const LEGACY = { era: 'legacy' } as const;

/** `tasks/get`, `tasks/result`, `tasks/list` and `tasks/cancel` on 2025-11-25 sessions (spec basic/utilities/tasks). */
@Injectable()
export class LegacyTasksHandler {
  constructor(
    @Inject(MCP_TASK_STORE) private readonly store: McpTaskStore,
    private readonly runner: McpTaskRunner,
    private readonly taskAccess: McpTaskAccess,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
  ) {}

  async get({ taskId }: { taskId: string }, ctx: ServerContext, scope: McpServeScope): Promise<Result> {
    return toLegacyTask(await this.find(taskId, ctx, scope));
  }

  /**
   * Blocks until the task is terminal, then answers exactly what the call would have: its
   * result, or its JSON-RPC error ("Result Retrieval"). While it waits, the task's questions
   * travel on this request's stream ("Input Required Status").
   */
  async result({ taskId }: { taskId: string }, ctx: ServerContext, scope: McpServeScope): Promise<Result> {
    let task = await this.find(taskId, ctx, scope);
    if (!isTerminalStatus(task.status)) {
      const detach = this.runner.attachResultStream(taskId, ctx);
      try {
        await this.runner.settled(taskId, ctx.mcpReq.signal);
      } finally {
        detach();
      }
      task = (await this.store.get(taskId)) ?? task;
    }
    if (task.result) return toLegacyTaskPayload(task, task.result);
    if (task.error) throw new ProtocolError(task.error.code, task.error.message, task.error.data);
    const reason = task.status === 'cancelled' ? 'was cancelled' : 'has not finished';
    throw new ProtocolError(ProtocolErrorCode.InvalidRequest, `Task ${taskId} ${reason}: it has no result`);
  }

  async list({ cursor }: { cursor?: string }, ctx: ServerContext): Promise<Result> {
    const owned = await this.store.list(callerOf(ctx, LEGACY));
    const verdicts = await Promise.all(owned.map((task) => this.taskAccess.visible(task, ctx)));
    const tasks = owned.filter((_, index) => verdicts[index]);
    const { page, nextCursor } = paginate(tasks, cursor, this.options.pageSize);
    return { tasks: page.map(toLegacyTask), ...(nextCursor ? { nextCursor } : {}) };
  }

  /** Cancels a running task; terminal ones are rejected with -32602 ("Task Cancellation"). */
  async cancel({ taskId }: { taskId: string }, ctx: ServerContext, scope: McpServeScope): Promise<Result> {
    const task = await this.find(taskId, ctx, scope);
    if (isTerminalStatus(task.status)) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Task ${taskId} is already ${task.status}`);
    const cancelled = await this.runner.exclusive(taskId, () =>
      this.store.update(taskId, { status: 'cancelled', statusMessage: 'Cancelled by the client', inputRequests: undefined }),
    );
    this.runner.cancel(taskId);
    return toLegacyTask(cancelled ?? task);
  }

  private async find(taskId: string, ctx: ServerContext, scope: McpServeScope): Promise<McpTask> {
    const task = await this.store.get(taskId);
    if (!task || !mayAccess(task, callerOf(ctx, LEGACY), 'legacy') || !(await this.taskAccess.allows(task, ctx, scope))) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, taskNotFound(taskId));
    }
    return task;
  }
}
