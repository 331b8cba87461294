export * from './mcp-module-options.interface.js';
export * from './mcp-tool-options.interface.js';
export * from './mcp-resource-options.interface.js';
export * from './mcp-prompt-options.interface.js';
export * from './schema-input.interface.js';
export * from './mcp-complete-options.interface.js';
export * from './mcp-task-options.interface.js';
export type {
  McpAskOptions,
  McpContext,
  McpElicitation,
  McpElicitSchema,
  McpHttpRequest,
  McpLogger,
  McpLogLevel,
  McpSampleOptions,
  McpTraceContext,
} from './mcp-context.interface.js';
export { McpAccessPolicy, type McpAccessTarget } from './mcp-access-policy.interface.js';
export { MCP_TASK_STORE, type McpTaskStore } from './mcp-task-store.interface.js';
export type { McpTask, McpTaskError, McpTaskOwner, McpTaskPatch, McpTaskStatus } from './mcp-task.interface.js';
export * from './mcp-mount-options.interface.js';
