import { Global, Module } from '@nestjs/common';
import { MCP_SHARED_TASK_STORE, MCP_TASK_STORE, type McpTaskStore } from '../interfaces/mcp-task-store.interface.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { InMemoryTaskStore } from './in-memory-task-store.js';
import { LegacyTasksHandler } from './legacy-tasks.handler.js';
import { McpTaskRunner } from './mcp-task-runner.js';
import { McpTasksInstaller } from './mcp-tasks.installer.js';
import { McpTaskAccess } from './task-access.js';
import { TasksExtensionHandler } from './tasks-extension.handler.js';
import { McpToolTaskDispatcher } from './tool-task.dispatcher.js';

/** Tasks (spec 2025-11-25 tasks; the 2026-07-28 tasks extension): the store, the runner, the task methods. */
@Global()
@Module({
  providers: [
    {
      provide: MCP_TASK_STORE,
      useFactory: (options: ResolvedMcpOptions, shared?: McpTaskStore): McpTaskStore => options.tasks.store ?? shared ?? new InMemoryTaskStore(options.tasks.maxTasks),
      inject: [MCP_OPTIONS, { token: MCP_SHARED_TASK_STORE, optional: true }],
    },
    McpTaskRunner,
    McpTaskAccess,
    McpToolTaskDispatcher,
    TasksExtensionHandler,
    LegacyTasksHandler,
    McpTasksInstaller,
  ],
  exports: [MCP_TASK_STORE, McpToolTaskDispatcher, McpTasksInstaller],
})
export class McpTasksModule {}
