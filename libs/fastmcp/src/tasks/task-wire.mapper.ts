import { RELATED_TASK_META_KEY, type CallToolResult, type Result } from '@modelcontextprotocol/server';
import type { McpTask } from '../interfaces/mcp-task.interface.js';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/**
 * The `Task` of the 2026-07-28 tasks extension (SEP-2663): `ttlMs` / `pollIntervalMs` in
 * integer milliseconds, no `requestState`. `detailed` adds what `tasks/get` inlines: the result
 * (`completed`), the error (`failed`) or the open questions (`input_required`).
 */
export function toExtensionTask(task: McpTask, detailed: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    taskId: task.taskId,
    status: task.status,
    ...(task.statusMessage !== undefined ? { statusMessage: task.statusMessage } : {}),
    createdAt: iso(task.createdAt),
    lastUpdatedAt: iso(task.lastUpdatedAt),
    ttlMs: task.ttlMs,
    pollIntervalMs: task.pollIntervalMs,
  };
  if (!detailed) return wire;
  if (task.status === 'completed' && task.result) wire.result = task.result;
  if (task.status === 'failed' && task.error) wire.error = task.error;
  if (task.status === 'input_required') wire.inputRequests = task.inputRequests ?? {};
  return wire;
}

/** SEP-2663 `CreateTaskResult`: a flat `Result & Task` told apart by `resultType: "task"`. */
export function toExtensionCreateResult(task: McpTask): Result {
  return { resultType: 'task', ...toExtensionTask(task, false) };
}

/** The `Task` of spec 2025-11-25 basic/utilities/tasks (`ttl`, `pollInterval`). */
export function toLegacyTask(task: McpTask): Record<string, unknown> & { taskId: string } {
  return {
    taskId: task.taskId,
    status: task.status,
    ...(task.statusMessage !== undefined ? { statusMessage: task.statusMessage } : {}),
    createdAt: iso(task.createdAt),
    lastUpdatedAt: iso(task.lastUpdatedAt),
    ttl: task.ttlMs,
    pollInterval: task.pollIntervalMs,
  };
}

/** spec 2025-11-25 `CreateTaskResult`: the task wrapped in `task`. */
export function toLegacyCreateResult(task: McpTask): Result {
  return { task: toLegacyTask(task) };
}

/** What `tasks/result` answers for a finished tool: its result, tagged with the task (spec 2025-11-25 "Related Task Metadata"). */
export function toLegacyTaskPayload(task: McpTask, result: CallToolResult): CallToolResult {
  return { ...result, _meta: { ...result._meta, [RELATED_TASK_META_KEY]: { taskId: task.taskId } } };
}
