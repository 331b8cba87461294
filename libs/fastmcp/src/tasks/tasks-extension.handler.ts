import { Inject, Injectable } from '@nestjs/common';
import { MissingRequiredClientCapabilityError, ProtocolError, ProtocolErrorCode, type Result, type ServerContext } from '@modelcontextprotocol/server';
import { isTerminalStatus, type McpTask } from '../interfaces/mcp-task.interface.js';
import { MCP_TASK_STORE, type McpTaskStore } from '../interfaces/mcp-task-store.interface.js';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { McpTaskRunner } from './mcp-task-runner.js';
import { McpTaskAccess } from './task-access.js';
import { callerOf, mayAccess } from './task-owner.js';
import { declaresTasksExtension, TASKS_EXTENSION_REQUIRED } from './tool-task.dispatcher.js';
import { toExtensionTask } from './task-wire.mapper.js';
import { taskNotFound } from '../errors/mcp.messages.js';

const MODERN = { era: 'modern' } as const;

/**
 * `tasks/get`, `tasks/update` and `tasks/cancel` of the 2026-07-28 tasks extension (SEP-2663).
 * `tasks/result` and `tasks/list` are gone from it: the SDK answers them with -32601.
 */
@Injectable()
export class TasksExtensionHandler {
  constructor(
    @Inject(MCP_TASK_STORE) private readonly store: McpTaskStore,
    private readonly runner: McpTaskRunner,
    private readonly taskAccess: McpTaskAccess,
  ) {}

  /** A `DetailedTask`: the result, error or open questions inlined (there is no `tasks/result`). */
  async get({ taskId }: { taskId: string }, ctx: ServerContext, scope: McpServeScope): Promise<Result> {
    return toExtensionTask(await this.find(taskId, ctx, scope), true);
  }

  /**
   * Answers to the questions of an `input_required` task. Keys that are not outstanding are
   * ignored (SEP-2663 "Task Update Requests"); answering part of them keeps the task waiting
   * on the rest, answering the last one runs it again.
   */
  async update({ taskId }: { taskId: string }, ctx: ServerContext, scope: McpServeScope): Promise<Result> {
    await this.find(taskId, ctx, scope);
    const responses = ctx.mcpReq.inputResponses ?? {};
    await this.runner.exclusive(taskId, async () => {
      const task = await this.store.get(taskId);
      if (task?.status !== 'input_required' || !task.inputRequests) return;
      const outstanding = { ...task.inputRequests };
      const answers = { ...task.answers };
      const answered = Object.keys(responses).filter((key) => key in outstanding);
      if (answered.length === 0) return;
      for (const key of answered) {
        answers[key] = responses[key];
        delete outstanding[key];
      }
      const complete = Object.keys(outstanding).length === 0;
      await this.store.update(taskId, { answers, inputRequests: complete ? undefined : outstanding, status: complete ? 'working' : 'input_required' });
      if (complete && !this.runner.resume(taskId)) {
        // A shared store (Redis): the instance that runs the task resumes it.
        if (this.store.requestResume) return this.store.requestResume(taskId);
        // A durable store outlived the process that ran the task: nothing can resume it.
        const message = 'The server that ran this task is gone; the task cannot resume';
        await this.store.update(taskId, { status: 'failed', statusMessage: message, error: { code: ProtocolErrorCode.InternalError, message } });
      }
    });
    return {};
  }

  /** Acknowledged for any known task, terminal ones included (idempotent); the status settles to `cancelled`. */
  async cancel({ taskId }: { taskId: string }, ctx: ServerContext, scope: McpServeScope): Promise<Result> {
    const task = await this.find(taskId, ctx, scope);
    if (!isTerminalStatus(task.status)) {
      await this.runner.exclusive(taskId, () => this.store.update(taskId, { status: 'cancelled', statusMessage: 'Cancelled by the client', inputRequests: undefined }));
      this.runner.cancel(taskId);
    }
    return {};
  }

  private async find(taskId: string, ctx: ServerContext, scope: McpServeScope): Promise<McpTask> {
    // SEP-2575 "Missing Required Capabilities": the task methods exist only for clients that declare the extension.
    if (!declaresTasksExtension(ctx)) throw new MissingRequiredClientCapabilityError(TASKS_EXTENSION_REQUIRED);
    const task = await this.store.get(taskId);
    if (!task || !mayAccess(task, callerOf(ctx, MODERN), 'modern') || !(await this.taskAccess.allows(task, ctx, scope))) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, taskNotFound(taskId));
    }
    return task;
  }
}
