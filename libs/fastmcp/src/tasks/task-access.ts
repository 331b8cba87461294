import { Injectable } from '@nestjs/common';
import type { ServerContext } from '@modelcontextprotocol/server';
import { McpAccessAudit } from '../access/mcp-access.audit.js';
import { McpAccessGate } from '../access/mcp-access.gate.js';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { McpRegistry } from '../registry/mcp-registry.js';
import type { McpTask } from '../interfaces/mcp-task.interface.js';
import { taskNotFound } from '../errors/mcp.messages.js';

/**
 * The access policy on task methods: a task of a tool its owner may no longer use (roles
 * revoked since the call) is answered like an unknown task, and the refusal is audited.
 */
@Injectable()
export class McpTaskAccess {
  constructor(
    private readonly registry: McpRegistry,
    private readonly access: McpAccessGate,
    private readonly audit: McpAccessAudit,
  ) {}

  /** Whether the caller may see the task; a refusal is audited. */
  async allows(task: McpTask, ctx: ServerContext, scope: McpServeScope): Promise<boolean> {
    if (await this.visible(task, ctx)) return true;
    this.audit.hidden(ctx, scope, task.toolName, { taskId: task.taskId }, taskNotFound(task.taskId));
    return false;
  }

  /** The same verdict without an audit row: for lists, which leave such tasks out as `tools/list` leaves out tools. */
  async visible(task: McpTask, ctx: ServerContext): Promise<boolean> {
    const tool = this.registry.tools.get(task.toolName);
    // A tool removed since the call leaves its tasks to their owner.
    if (!tool) return true;
    return tool.enabled && (await this.access.allows('tool', tool, ctx));
  }
}
