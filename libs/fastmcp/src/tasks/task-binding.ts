import type { ServerContext } from '@modelcontextprotocol/server';

const MCP_TASK_BINDING = Symbol('McpTaskBinding');

/** What a tool run knows about the task it runs in (or may start); `McpCallContext` reads it. */
export interface McpTaskBinding {
  /** Set while the run belongs to a task. */
  readonly taskId?: string;
  /** `ctx.startTask()`. */
  start(): Promise<void>;
}

/** The SDK context of a run, carrying its task binding. The SDK object itself is not touched. */
export function withTaskBinding(ctx: ServerContext, binding: McpTaskBinding): ServerContext {
  return Object.assign({}, ctx, { [MCP_TASK_BINDING]: binding });
}

export function taskBindingOf(ctx: ServerContext): McpTaskBinding | undefined {
  return (ctx as ServerContext & { [MCP_TASK_BINDING]?: McpTaskBinding })[MCP_TASK_BINDING];
}
