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
import { McpLogRedactor } from '../../redaction/log-redactor.js';
import { denialReason } from '../../access/denial-reason.js';
import { McpAccessAudit } from '../../access/mcp-access.audit.js';
import { McpAccessGate } from '../../access/mcp-access.gate.js';
import { McpEvents } from '../../events/mcp-events.js';
import type { McpCallOutcome } from '../../events/mcp-event-map.js';
import type { McpCallContext } from '../../execution/mcp-call-context.js';
import type { McpCallFailure } from '../../common/mcp-call-failure.js';
import type { McpServeScope } from '../../common/mcp-serve-scope.js';
import { McpUserError } from '../../errors/mcp-user-error.js';
import { McpContextFactory } from '../../execution/mcp-context.factory.js';
import { McpErrorMapper } from '../../execution/mcp-error.mapper.js';
import { McpInputRequiredSignal } from '../../execution/input-required.signal.js';
import { keepWellFormed, toCallToolResult, toolErrorResult } from '../../execution/tool-result.mapper.js';
import { McpRound } from '../../execution/request-round.js';
import { McpRequestStateCodec } from '../../execution/request-state.codec.js';
import { untilAborted } from '../../execution/until-aborted.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import type { McpToolDefinition } from '../../registry/mcp-definitions.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { taskBindingOf } from '../../common/task-binding.js';
import { McpTaskStartSignal } from '../../tasks/task-start.signal.js';
import { McpToolTaskDispatcher } from '../../tasks/tool-task.dispatcher.js';
import { paginate } from '../../common/pagination.js';
import { invalidToolArguments, invalidToolOutput, toolNotFound, toolTimedOut } from '../../errors/mcp.messages.js';

type ToolCallResult = CallToolResult | InputRequiredResult;

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
    private readonly tasks: McpToolTaskDispatcher,
    private readonly audit: McpAccessAudit,
    private readonly stateCodec: McpRequestStateCodec,
  ) {}

  async list(request: ListToolsRequest, serverCtx: ServerContext): Promise<ListToolsResult> {
    const visible = await this.access.visible('tool', this.registry.tools.list(), serverCtx);
    const { page, nextCursor } = paginate(visible, request.params?.cursor, this.options.pageSize);
    const tools = page.map((definition) => definition.descriptor);
    return nextCursor ? { tools, nextCursor } : { tools };
  }

  // Awaits only what is pending: an `await` of a value answered at once still costs a turn of
  // the microtask queue, and a plain call has several such steps.
  async call(request: CallToolRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<ToolCallResult> {
    const { name } = request.params;
    const tool = this.registry.tools.get(name);
    // spec 2025-11-25 server/tools "Error Handling": unknown tools are a protocol error.
    // A tool the caller may not use is answered like an unknown one: its name does not leak.
    const allowed = tool?.enabled ? this.access.allows('tool', tool, serverCtx) : false;
    if (!tool || !(allowed instanceof Promise ? await allowed : allowed)) {
      const message = toolNotFound(name);
      if (tool?.enabled) this.audit.hidden(serverCtx, scope, name, request.params.arguments ?? {}, message);
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, message);
    }

    const timeoutMs = tool.timeoutMs ?? this.options.toolTimeoutMs;
    const args: unknown = request.params.arguments ?? {};
    const round = scope.era === 'modern' ? this.stateCodec.round(serverCtx, name, args) : undefined;
    const run = (ctx: ServerContext) => {
      // A task's run is served the answers the task gathered; a plain call's, those its round carries.
      const answers = taskBindingOf(ctx)?.answers;
      const runRound = answers ? new McpRound(name, args, answers) : round;
      return this.run(tool, args, this.contexts.create(ctx, scope, name, timeoutMs, runRound), scope, timeoutMs);
    };
    // Task-capable tools may run as tasks instead: the dispatcher runs them through `run` too.
    const dispatched = this.tasks.dispatch(tool, request, serverCtx, scope, run, round);
    const answered = dispatched && (await dispatched);
    // `return await`: an async function returning a promise takes two more turns to settle.
    return answered ?? (await run(serverCtx));
  }

  private async run(tool: McpToolDefinition, args: unknown, ctx: McpCallContext, scope: McpServeScope, timeoutMs?: number): Promise<ToolCallResult> {
    const name = tool.key;
    const started = performance.now();
    let outcome: McpCallOutcome = 'ok';
    let reason: string | undefined;
    let result: ToolCallResult;
    try {
      result = await this.execute(tool, args, ctx, scope);
      if ((result as CallToolResult).isError) {
        outcome = 'error';
        ctx.exchangeFailure ??= { kind: 'tool', detail: firstText(result) ?? '' };
      }
    } catch (error) {
      // A question for the client ends this round, not the call: nothing to audit yet.
      if (error instanceof McpInputRequiredSignal) return ctx.inputRequired();
      // So does a handler that continues as a task (`ctx.startTask()`).
      if (error instanceof McpTaskStartSignal) throw error;
      // A ProtocolError the handler throws is a JSON-RPC error, as for resources and prompts
      // (URL elicitation, a missing client capability...); a task fails with it.
      if (error instanceof ProtocolError && !ctx.cancellation.aborted) throw error;
      if (ctx.timedOut) {
        outcome = 'error';
        result = toolErrorResult(toolTimedOut(name, timeoutMs));
        ctx.exchangeFailure = { kind: 'timeout', detail: toolTimedOut(name, timeoutMs) };
      } else {
        reason = ctx.cancellation.aborted ? undefined : denialReason(error);
        outcome = ctx.cancellation.aborted ? 'cancelled' : reason !== undefined ? 'denied' : 'error';
        const message = outcome === 'cancelled' ? 'Cancelled' : this.errors.toolErrorMessage(error, `Tool ${name} (${tool.source})`);
        result = toolErrorResult(message);
        ctx.exchangeFailure = failureOf(error, message);
      }
    }
    ctx.cancellation.dispose();
    if (ctx.exchangeFailure) ctx.reportFailure(ctx.exchangeFailure);
    if (this.events.has('tool.called')) {
      const error = outcome === 'ok' ? undefined : firstText(result);
      this.events.emit('tool.called', ctx.toolCalledEvent(name, this.redactor.redact(args), outcome, error, performance.now() - started, reason));
    }
    return result;
  }

  private async execute(tool: McpToolDefinition, rawArgs: unknown, ctx: McpCallContext, scope: McpServeScope): Promise<ToolCallResult> {
    let args = rawArgs;
    if (tool.input) {
      const checked = tool.input.validate(args);
      const validation = checked instanceof Promise ? await checked : checked;
      if (!validation.ok) {
        ctx.exchangeFailure = { kind: 'invalid-arguments', detail: validation.message };
        return toolErrorResult(invalidToolArguments(tool.key, validation.message));
      }
      args = validation.value;
    }
    let value: unknown;
    try {
      value = await untilAborted(tool.invoke(args, ctx), ctx.cancellation);
    } finally {
      // Progress held back by the throttle goes out before the result, never after it.
      const flushing = ctx.flushProgress();
      if (flushing) await flushing;
    }
    if (isInputRequiredResult(value)) return value;
    const result = toCallToolResult(value, tool.output !== undefined);
    if (tool.output && !result.isError) {
      const checked = tool.output.validate(result.structuredContent);
      const output = checked instanceof Promise ? await checked : checked;
      if (!output.ok) throw new Error(invalidToolOutput(tool.key, output.message));
    }
    return keepWellFormed(result, scope.server.projectCallToolResult(result, tool.output?.jsonSchema));
  }
}

/** What kind of error made a call fail, for the HTTP faces that map it to a status. */
function failureOf(error: unknown, message: string): McpCallFailure {
  if (error instanceof HttpException) {
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return { kind: 'http', status: error.getStatus(), detail: message, ...(typeof retryAfter === 'number' ? { retryAfterSeconds: retryAfter } : {}) };
  }
  return error instanceof McpUserError ? { kind: 'tool', detail: message } : { kind: 'internal', detail: message };
}

function firstText(result: ToolCallResult): string | undefined {
  const block = (result as CallToolResult).content?.[0];
  return block?.type === 'text' ? block.text : undefined;
}
