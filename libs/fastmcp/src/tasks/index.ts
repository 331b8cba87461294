import type { Provider } from '@nestjs/common';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { InMemoryTaskStore } from './in-memory-task-store.js';
import { LegacyTasksHandler } from './legacy-tasks.handler.js';
import { MCP_TASK_STORE, type McpTaskStore } from '../interfaces/mcp-task-store.interface.js';
import { McpTaskRunner } from './mcp-task-runner.js';
import { McpTasksInstaller } from './mcp-tasks.installer.js';
import { McpTaskAccess } from './task-access.js';
import { TasksExtensionHandler } from './tasks-extension.handler.js';
import { McpToolTaskDispatcher } from './tool-task.dispatcher.js';

/** The task capability's providers, part of `McpModule`. */
export const MCP_TASK_PROVIDERS: Provider[] = [
  {
    provide: MCP_TASK_STORE,
    useFactory: (options: ResolvedMcpOptions): McpTaskStore => options.tasks.store ?? new InMemoryTaskStore(options.tasks.maxTasks),
    inject: [MCP_OPTIONS],
  },
  McpTaskRunner,
  McpTaskAccess,
  McpToolTaskDispatcher,
  TasksExtensionHandler,
  LegacyTasksHandler,
  McpTasksInstaller,
];
