import { HttpException, Inject, Injectable } from '@nestjs/common';
import {
  isInputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  type CallToolRequest,
  type CallToolResult,
  type InputRequiredResult,
  type ListToolsRequest,
  type ListToolsResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { McpLogRedactor } from '../../auth/hardening/log-redactor.js';
import { McpAccessGate } from '../../auth/mcp-access.gate.js';
import { McpEvents } from '../../events/mcp-events.js';
import type { McpCallOutcome } from '../../events/mcp-event-map.js';
import type { McpCallContext, McpServeScope } from '../../execution/mcp-call-context.js';
import { McpContextFactory } from '../../execution/mcp-context.factory.js';
import { McpErrorMapper } from '../../execution/mcp-error.mapper.js';
import { McpInputRequiredSignal } from '../../execution/input-required.signal.js';
import { toCallToolResult, toolErrorResult } from '../../execution/tool-result.mapper.js';
import { untilAborted } from '../../execution/until-aborted.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../mcp.module-definition.js';
import type { McpToolDefinition } from '../../registry/mcp-definitions.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { paginate } from './pagination.js';

type ToolCallResult = CallToolResult | InputRequiredResult;

const PROTOCOL_LEVEL_ERRORS = new Set<number>([ProtocolErrorCode.UrlElicitationRequired, ProtocolErrorCode.MissingRequiredClientCapability]);

/** `tools/list` and `tools/call` over the shared registry (spec: server/tools). */
@Injectable()
export class ToolsHandler {
  constructor(
    private readonly registry: McpRegistry,
    private readonly contexts: McpContextFactory,
    private readonly errors: McpErrorMapper,
    private readonly events: McpEvents,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly access: McpAccessGate,
    private readonly redactor: McpLogRedactor,
  ) {}

  async list(request: ListToolsRequest): Promise<ListToolsResult> {
    const visible = await this.access.visible('tool', this.registry.tools.list());
    const { page, nextCursor } = paginate(visible, request.params?.cursor, this.options.pageSize);
    const tools = page.map((definition) => definition.descriptor);
    return nextCursor ? { tools, nextCursor } : { tools };
  }

  async call(request: CallToolRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<ToolCallResult> {
    const { name } = request.params;
    const tool = this.registry.tools.get(name);
    // spec 2025-11-25 server/tools "Error Handling": unknown tools are a protocol error.
    // A tool the caller may not use is answered like an unknown one: its name does not leak.
    if (!tool || !tool.enabled || !(await this.access.allows('tool', tool))) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Tool ${name} not found`);
    }

    const timeoutMs = tool.timeoutMs ?? this.options.toolTimeoutMs;
    const ctx = this.contexts.create(serverCtx, scope, name, timeoutMs);
    const started = performance.now();
    const args: unknown = request.params.arguments ?? {};
    let outcome: McpCallOutcome = 'ok';
    let result: ToolCallResult;
    try {
      result = await this.execute(tool, args, ctx, scope);
      if ((result as CallToolResult).isError) outcome = 'error';
    } catch (error) {
      // A question for the client ends this round, not the call: nothing to audit yet.
      if (error instanceof McpInputRequiredSignal) return ctx.inputRequired();
      // Errors the protocol itself defines (URL elicitation, a missing client capability) stay JSON-RPC errors.
      if (error instanceof ProtocolError && PROTOCOL_LEVEL_ERRORS.has(error.code)) throw error;
      if (ctx.timedOut) {
        outcome = 'error';
        result = toolErrorResult(`Tool ${name} timed out after ${timeoutMs} ms`);
      } else {
        outcome = ctx.signal.aborted ? 'cancelled' : isDenial(error) ? 'denied' : 'error';
        result = toolErrorResult(outcome === 'cancelled' ? 'Cancelled' : this.errors.toolErrorMessage(error, `Tool ${name} (${tool.source})`));
      }
    }
    if (this.events.has('tool.called')) {
      this.events.emit('tool.called', {
        ...ctx.callerInfo(),
        requestId: ctx.requestId,
        tool: name,
        arguments: this.redactor.redact(args),
        outcome,
        error: outcome === 'ok' ? undefined : firstText(result),
        durationMs: performance.now() - started,
      });
    }
    return result;
  }

  private async execute(tool: McpToolDefinition, rawArgs: unknown, ctx: McpCallContext, scope: McpServeScope): Promise<ToolCallResult> {
    let args = rawArgs;
    if (tool.input) {
      const validation = await tool.input.validate(args);
      if (!validation.ok) return toolErrorResult(`Invalid arguments for tool ${tool.key}: ${validation.message}`);
      args = validation.value;
    }
    const value = await untilAborted(tool.invoke(args, ctx), ctx.signal);
    if (isInputRequiredResult(value)) return value;
    const result = toCallToolResult(value, tool.output !== undefined);
    if (tool.output && !result.isError) {
      const output = await tool.output.validate(result.structuredContent);
      if (!output.ok) throw new Error(`Output validation error for tool ${tool.key}: ${output.message}`);
    }
    return scope.server.projectCallToolResult(result, tool.output?.jsonSchema);
  }
}

function isDenial(error: unknown): boolean {
  return error instanceof HttpException && (error.getStatus() === 401 || error.getStatus() === 403);
}

function firstText(result: ToolCallResult): string | undefined {
  const block = (result as CallToolResult).content?.[0];
  return block?.type === 'text' ? block.text : undefined;
}
