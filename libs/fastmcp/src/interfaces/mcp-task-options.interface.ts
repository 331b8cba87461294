import type { McpTaskStore } from './mcp-task-store.interface.js';

/**
 * Whether calls of a tool run as tasks (the tool's `execution.taskSupport`): `forbidden` (the
 * default) never, `optional` when the client supports tasks, `required` always (clients without
 * task support get an error).
 *
 * @publicApi
 */
export type McpTaskSupport = 'forbidden' | 'optional' | 'required';

/** @publicApi */
export interface McpToolTaskOptions {
  support: Exclude<McpTaskSupport, 'forbidden'>;
  /**
   * When the task starts. `call` (default): as the call arrives; the whole handler runs in it.
   * `handler`: the handler runs in the request until it calls `ctx.startTask()`, so questions
   * asked before (`ctx.elicit()` ...) are answered within the call; the handler then runs again
   * as the task, from the top, with those answers (keep code before `startTask()` free of side
   * effects). Legacy sessions create the task as the call arrives either way.
   */
  start?: 'call' | 'handler';
  /** How long the task and its result are kept. Default: the module's `tasks.defaultTtlMs`. */
  ttlMs?: number;
  /** The polling interval suggested to clients. Default: the module's `tasks.pollIntervalMs`. */
  pollIntervalMs?: number;
}

/**
 * A tool's task settings with defaults applied.
 *
 * @publicApi
 */
export type McpToolTaskPolicy = Required<Pick<McpToolTaskOptions, 'support' | 'start'>> & Pick<McpToolTaskOptions, 'ttlMs' | 'pollIntervalMs'>;

/**
 * The `tasks` option of `McpModule.forRoot()`.
 *
 * @publicApi
 */
export interface McpTasksOptions {
  /** Where tasks are kept. Default: in memory (`InMemoryTaskStore`), bounded by `maxTasks`. */
  store?: McpTaskStore;
  /** How long a task and its result are kept after creation. Default 1 hour. */
  defaultTtlMs?: number;
  /** Upper bound of the TTL a 2025-11-25 client may ask for (`task.ttl`). Default 24 hours. */
  maxTtlMs?: number;
  /** The polling interval suggested to clients. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Capacity of the default in-memory store. Default 10 000. */
  maxTasks?: number;
}
