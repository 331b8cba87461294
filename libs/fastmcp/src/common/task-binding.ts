import type { ServerContext } from '@modelcontextprotocol/server';
import { ContextSlot } from './context-slot.js';

const taskBindingSlot = new ContextSlot<McpTaskBinding>('McpTaskBinding');

/** What a tool run knows about the task it runs in (or may start); `McpCallContext` reads it. */
export interface McpTaskBinding {
  /** Set while the run belongs to a task. */
  readonly taskId?: string;
  /** `ctx.startTask()`. */
  start(): Promise<void>;
  /**
   * The answers the task has gathered (its `tasks/update`s), which the server holds: served to
   * `ctx.elicit()` and friends in place of a multi-round-trip request's state.
   */
  readonly answers?: Readonly<Record<string, unknown>>;
}

/** The SDK context of a run, carrying its task binding. The SDK object itself is not touched. */
export function withTaskBinding(ctx: ServerContext, binding: McpTaskBinding): ServerContext {
  return taskBindingSlot.with(ctx, binding);
}

export function taskBindingOf(ctx: ServerContext): McpTaskBinding | undefined {
  return taskBindingSlot.of(ctx);
}
