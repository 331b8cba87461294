import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CLIENT_CAPABILITIES_META_KEY,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  ProtocolErrorCode,
  type CallToolRequest,
  type CallToolResult,
  type ClientCapabilities,
  type InputRequiredResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import type { McpRound } from '../execution/request-round.js';
import type { McpToolTaskPolicy } from '../interfaces/mcp-task-options.interface.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import type { McpToolDefinition } from '../registry/mcp-definitions.js';
import { LEGACY_TASKS_PROTOCOL_VERSION, MCP_TASKS_EXTENSION } from '../common/mcp-tasks.constants.js';
import type { McpTask } from '../interfaces/mcp-task.interface.js';
import { MCP_TASK_STORE, type McpTaskStore } from '../interfaces/mcp-task-store.interface.js';
import { McpTaskRunner, type McpToolRun } from './mcp-task-runner.js';
import { markTaskCreated } from '../internals/sdk-protocol.js';
import { withTaskBinding } from '../common/task-binding.js';
import { callerOf } from './task-owner.js';
import { McpTaskStartSignal } from './task-start.signal.js';
import { toExtensionCreateResult, toLegacyCreateResult } from './task-wire.mapper.js';

type ToolCallResult = CallToolResult | InputRequiredResult;

/** Whether the request declares the 2026-07-28 tasks extension in its envelope (SEP-2663 "Capability Negotiation"). */
export function declaresTasksExtension(ctx: ServerContext): boolean {
  const caps = (ctx.mcpReq.envelope as Record<string, unknown> | undefined)?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  return caps?.extensions?.[MCP_TASKS_EXTENSION] !== undefined;
}

export const TASKS_EXTENSION_REQUIRED = { requiredCapabilities: { extensions: { [MCP_TASKS_EXTENSION]: {} } } };

/**
 * Decides whether a `tools/call` runs as a task. 2026-07-28: the server decides (SEP-2663), so a
 * task-supporting tool becomes a task whenever the request declares the extension. 2025-11-25:
 * the client decides with the `task` param, within the tool's `execution.taskSupport`.
 */
@Injectable()
export class McpToolTaskDispatcher {
  constructor(
    @Inject(MCP_TASK_STORE) private readonly store: McpTaskStore,
    private readonly runner: McpTaskRunner,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
  ) {}

  /**
   * The call's result when it is answered here; `undefined` when it runs as usual. Plain
   * `undefined`, not a promise of it, for a call that cannot become a task: the tool takes no
   * tasks and the request asks for none.
   */
  dispatch(
    tool: McpToolDefinition,
    request: CallToolRequest,
    ctx: ServerContext,
    scope: McpServeScope,
    run: McpToolRun,
    round: McpRound | undefined,
  ): Promise<ToolCallResult | undefined> | undefined {
    if (!tool.task && (scope.era === 'modern' || (request.params as { task?: unknown }).task === undefined)) return undefined;
    return scope.era === 'modern' ? this.modern(tool, ctx, scope, run, round) : this.legacy(tool, request, ctx, scope, run);
  }

  private async modern(tool: McpToolDefinition, ctx: ServerContext, scope: McpServeScope, run: McpToolRun, round: McpRound | undefined): Promise<ToolCallResult | undefined> {
    // A legacy `task` param on a 2026-07-28 request is ignored: it never makes a task (SEP-2663).
    if (!tool.task) return undefined;
    if (!declaresTasksExtension(ctx)) {
      // SEP-2663 "Required Capabilities": a tool that cannot answer without a task needs the extension.
      if (tool.task.support === 'required') throw new MissingRequiredClientCapabilityError(TASKS_EXTENSION_REQUIRED);
      return undefined;
    }
    if (tool.task.start === 'call') return this.create(tool, tool.task, ctx, scope, run, {});
    // SEP-2663 "Task Creation": questions before the task are multi-round-trip rounds of the call itself.
    try {
      return await run(withTaskBinding(ctx, { start: () => Promise.reject(new McpTaskStartSignal()) }));
    } catch (error) {
      if (!(error instanceof McpTaskStartSignal)) throw error;
      return this.create(tool, tool.task, ctx, scope, run, { ...round?.answers });
    }
  }

  private async legacy(tool: McpToolDefinition, request: CallToolRequest, ctx: ServerContext, scope: McpServeScope, run: McpToolRun): Promise<ToolCallResult | undefined> {
    const version = scope.server.getNegotiatedProtocolVersion();
    // Revisions before 2025-11-25 know no tasks: every tool runs as a plain call there.
    if (version === undefined || version < LEGACY_TASKS_PROTOCOL_VERSION) return undefined;
    const requested = (request.params as { task?: { ttl?: unknown } }).task;
    const augmented = typeof requested === 'object' && requested !== null;
    // spec 2025-11-25 "Tool-Level Negotiation": -32601 when the call disagrees with `taskSupport`.
    if (augmented && !tool.task) throw new ProtocolError(ProtocolErrorCode.MethodNotFound, `Tool ${tool.key} does not run as a task`);
    if (!tool.task) return undefined;
    if (!augmented) {
      if (tool.task.support === 'required') throw new ProtocolError(ProtocolErrorCode.MethodNotFound, `Tool ${tool.key} must be called as a task`);
      return undefined;
    }
    return this.create(tool, tool.task, ctx, scope, run, {}, typeof requested.ttl === 'number' ? requested.ttl : undefined);
  }

  private async create(
    tool: McpToolDefinition,
    policy: McpToolTaskPolicy,
    ctx: ServerContext,
    scope: McpServeScope,
    run: McpToolRun,
    answers: Record<string, unknown>,
    requestedTtlMs?: number,
  ): Promise<CallToolResult> {
    const { defaultTtlMs, maxTtlMs, pollIntervalMs } = this.options.tasks;
    const now = Date.now();
    const task: McpTask = {
      taskId: randomUUID(),
      status: 'working',
      createdAt: now,
      lastUpdatedAt: now,
      // spec 2025-11-25 "TTL and Resource Management": receivers may override the requested ttl.
      ttlMs: Math.max(1, Math.min(Math.round(requestedTtlMs ?? policy.ttlMs ?? defaultTtlMs), maxTtlMs)),
      pollIntervalMs: policy.pollIntervalMs ?? pollIntervalMs,
      era: scope.era,
      toolName: tool.key,
      owner: callerOf(ctx, scope),
      answers,
    };
    // SEP-2663: the handle goes out only once `tasks/get` would find the task.
    await this.store.create(task);
    this.runner.launch(task, run, ctx, scope);
    return markTaskCreated(scope.era === 'modern' ? toExtensionCreateResult(task) : toLegacyCreateResult(task));
  }
}
