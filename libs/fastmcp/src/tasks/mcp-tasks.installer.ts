import { Injectable } from '@nestjs/common';
import type { Server, ServerCapabilities } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { LegacyTasksHandler } from './legacy-tasks.handler.js';
import { MCP_TASKS_EXTENSION } from '../common/mcp-tasks.constants.js';
import { TasksExtensionHandler } from './tasks-extension.handler.js';

const TaskIdParams = z.object({ taskId: z.string() });
const ListParams = z.object({ cursor: z.string().optional() });

/**
 * Declares tasks and registers the task methods on one SDK server, in the shape of its era.
 * The SDK types no task methods (they are schema-explicit registrations); on 2026-07-28 it
 * lets `tasks/get` and `tasks/cancel` through only when registered this way, and answers the
 * removed `tasks/result` / `tasks/list` with -32601 by itself.
 */
@Injectable()
export class McpTasksInstaller {
  constructor(
    private readonly extension: TasksExtensionHandler,
    private readonly legacy: LegacyTasksHandler,
  ) {}

  /** How tasks are declared in the capabilities of an era. */
  capabilities(era: McpServeScope['era']): ServerCapabilities {
    // SEP-2663 "Capability Negotiation": advertised under `extensions`, never as `capabilities.tasks`.
    if (era === 'modern') return { extensions: { [MCP_TASKS_EXTENSION]: {} } };
    // spec 2025-11-25 basic/utilities/tasks "Server Capabilities".
    return { tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } };
  }

  install(server: Server, scope: McpServeScope): void {
    server.registerCapabilities(this.capabilities(scope.era));
    if (scope.era === 'modern') {
      server.setRequestHandler('tasks/get', { params: TaskIdParams }, (params, ctx) => this.extension.get(params, ctx, scope));
      server.setRequestHandler('tasks/update', { params: TaskIdParams }, (params, ctx) => this.extension.update(params, ctx, scope));
      server.setRequestHandler('tasks/cancel', { params: TaskIdParams }, (params, ctx) => this.extension.cancel(params, ctx, scope));
      return;
    }
    server.setRequestHandler('tasks/get', { params: TaskIdParams }, (params, ctx) => this.legacy.get(params, ctx, scope));
    server.setRequestHandler('tasks/result', { params: TaskIdParams }, (params, ctx) => this.legacy.result(params, ctx, scope));
    server.setRequestHandler('tasks/list', { params: ListParams }, (params, ctx) => this.legacy.list(params, ctx));
    server.setRequestHandler('tasks/cancel', { params: TaskIdParams }, (params, ctx) => this.legacy.cancel(params, ctx, scope));
  }
}
