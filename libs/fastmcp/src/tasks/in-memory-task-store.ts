import { DEFAULT_MAX_TASKS } from '../common/mcp-tasks.constants.js';
import { isTerminalStatus, type McpTask, type McpTaskOwner, type McpTaskPatch } from '../interfaces/mcp-task.interface.js';
import type { McpTaskStore } from '../interfaces/mcp-task-store.interface.js';

/**
 * Raised when an `InMemoryTaskStore` is full of tasks that are still running.
 *
 * @publicApi
 */
export class McpTaskLimitError extends Error {
  constructor(capacity: number) {
    super(`Too many tasks in progress (limit ${capacity}); try again later`);
  }
}

/**
 * Keeps tasks in the process, each until its TTL elapses (spec 2025-11-25 "TTL and Resource
 * Management": a task may be deleted after its TTL, never before). Bounded: when full, expired
 * tasks go first, then the oldest finished ones; running tasks are never evicted.
 *
 * @publicApi
 */
export class InMemoryTaskStore implements McpTaskStore {
  private readonly tasks = new Map<string, McpTask>();

  constructor(private readonly capacity = DEFAULT_MAX_TASKS) {}

  async create(task: McpTask): Promise<void> {
    if (this.tasks.size >= this.capacity) this.makeRoom();
    this.tasks.set(task.taskId, structuredClone(task));
  }

  async get(taskId: string): Promise<McpTask | undefined> {
    const task = this.live(taskId);
    return task && structuredClone(task);
  }

  async update(taskId: string, patch: McpTaskPatch): Promise<McpTask | undefined> {
    const task = this.live(taskId);
    if (!task) return undefined;
    if (!isTerminalStatus(task.status)) Object.assign(task, structuredClone(patch), { lastUpdatedAt: Date.now() });
    return structuredClone(task);
  }

  async list(owner: McpTaskOwner): Promise<McpTask[]> {
    const now = Date.now();
    return [...this.tasks.values()]
      .filter((task) => !expired(task, now) && task.owner.sessionId === owner.sessionId && task.owner.principal === owner.principal)
      .map((task) => structuredClone(task));
  }

  private live(taskId: string): McpTask | undefined {
    const task = this.tasks.get(taskId);
    if (task && expired(task, Date.now())) {
      this.tasks.delete(taskId);
      return undefined;
    }
    return task;
  }

  private makeRoom(): void {
    const now = Date.now();
    for (const [id, task] of this.tasks) if (expired(task, now)) this.tasks.delete(id);
    if (this.tasks.size < this.capacity) return;
    // Map order is insertion order: the first finished task found is the oldest one.
    for (const [id, task] of this.tasks) {
      if (isTerminalStatus(task.status)) {
        this.tasks.delete(id);
        return;
      }
    }
    throw new McpTaskLimitError(this.capacity);
  }
}

function expired(task: McpTask, now: number): boolean {
  return now >= task.createdAt + task.ttlMs;
}
