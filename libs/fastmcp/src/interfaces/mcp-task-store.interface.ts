import type { McpTask, McpTaskOwner, McpTaskPatch } from './mcp-task.interface.js';

/**
 * Where tasks live between polls. In-memory by default (`InMemoryTaskStore`); a durable store
 * (e.g. from the persistence module) keeps them across restarts and instances. The running
 * work itself always stays in the process that started it.
 *
 * @publicApi
 */
export interface McpTaskStore {
  /** Stores a new task. Resolves once `get` returns it: SEP-2663 "durable create". */
  create(task: McpTask): Promise<void>;
  /** The task, or `undefined` when unknown or past its TTL. */
  get(taskId: string): Promise<McpTask | undefined>;
  /**
   * Applies `patch` and stamps `lastUpdatedAt`, unless the task is terminal: a completed,
   * failed or cancelled task never changes again. Resolves with the task as stored afterwards.
   */
  update(taskId: string, patch: McpTaskPatch): Promise<McpTask | undefined>;
  /** The live tasks of one owner, oldest first (legacy `tasks/list`). */
  list(owner: McpTaskOwner): Promise<McpTask[]>;
}

/**
 * Injection token of the `McpTaskStore` in use; set it with the `tasks.store` module option.
 *
 * @publicApi
 */
export const MCP_TASK_STORE = Symbol('MCP_TASK_STORE');
