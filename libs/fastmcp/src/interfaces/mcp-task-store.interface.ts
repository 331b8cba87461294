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
  /**
   * For a store several instances share: calls `listener` with the id of every task cancelled
   * through any instance, so the one running it aborts it. Returns the unsubscribe function.
   */
  onCancelled?(listener: (taskId: string) => void): () => void;
  /**
   * For a shared store: asks whichever instance runs the task to resume it (its last
   * `input_required` question was answered through another instance).
   */
  requestResume?(taskId: string): Promise<void>;
  /** Calls `listener` with every task some instance asked to resume. Returns the unsubscribe function. */
  onResumeRequested?(listener: (taskId: string) => void): () => void;
}

/**
 * Injection token of the `McpTaskStore` in use; set it with the `tasks.store` module option.
 *
 * @publicApi
 */
export const MCP_TASK_STORE = Symbol('MCP_TASK_STORE');

/**
 * Injection token of a task store every instance shares (the Redis module provides one); the
 * `tasks.store` option still wins over it.
 *
 * @publicApi
 */
export const MCP_SHARED_TASK_STORE = Symbol.for('nestjs-fastmcp:shared-task-store');
