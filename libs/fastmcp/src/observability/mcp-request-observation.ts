import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import type { ServerContext } from '@modelcontextprotocol/server';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { McpRequestObservers, type McpObservedRequest, type McpRequestObserver } from '../execution/mcp-request-observers.js';
import { McpRegistry } from '../registry/mcp-registry.js';
import { McpRequestLog } from './logging/mcp-request-log.js';
import type { McpMetrics, McpOperationLabels } from './metrics/mcp-metrics.js';
import { MCP_METRICS } from './metrics/mcp-metrics.provider.js';
import { MCP_OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from './mcp-observability.options.js';
import { errorTypeOf, operationTarget, type McpOperationTarget } from './mcp-operation.js';
import { McpRequestSpans, type McpRequestSpan } from './tracing/mcp-request-spans.js';

const TARGET_LABEL = { tool: 'gen_ai_tool_name', prompt: 'gen_ai_prompt_name', resource: 'mcp_resource_template' } as const;

/**
 * Watches every request the MCP servers' handlers serve (through `McpRequestObservers`): times
 * it into `mcp_server_operation_duration_seconds`, runs it inside its server span, and writes
 * its log line, as the options ask. One wrap for all three, so a call pays for one closure.
 */
@Injectable()
export class McpRequestObservation implements McpRequestObserver, OnModuleInit {
  private readonly tracing: boolean;
  private readonly logs: boolean;

  constructor(
    @Inject(MCP_OBSERVABILITY_OPTIONS) options: ResolvedObservabilityOptions,
    private readonly observers: McpRequestObservers,
    private readonly registry: McpRegistry,
    private readonly spans: McpRequestSpans,
    private readonly log: McpRequestLog,
    @Optional() @Inject(MCP_METRICS) private readonly metrics: McpMetrics | null,
  ) {
    this.tracing = options.tracing !== undefined;
    this.logs = options.logs !== undefined;
  }

  onModuleInit(): void {
    if (this.tracing || this.logs || this.metrics) this.observers.add(this);
  }

  async observe<R>(request: McpObservedRequest, ctx: ServerContext, scope: McpServeScope, serve: () => R | Promise<R>): Promise<R> {
    const started = performance.now();
    const target = operationTarget(request, this.registry);
    const span = this.tracing ? this.spans.start(request, ctx, scope, target) : undefined;
    let result: R | undefined;
    let error: unknown;
    try {
      result = span ? await context.with(span.context, serve) : await serve();
      return result;
    } catch (thrown) {
      error = thrown ?? new Error(String(thrown));
      throw thrown;
    } finally {
      this.finish(request, ctx, scope, target, span, started, result, error);
    }
  }

  private finish(
    request: McpObservedRequest,
    ctx: ServerContext,
    scope: McpServeScope,
    target: McpOperationTarget,
    span: McpRequestSpan | undefined,
    started: number,
    result: unknown,
    error: unknown,
  ): void {
    const durationMs = performance.now() - started;
    const errorType = errorTypeOf(result, error);
    if (this.metrics) {
      const labels: McpOperationLabels = { mcp_method_name: request.method };
      if (target.kind !== undefined && target.name !== undefined) labels[TARGET_LABEL[target.kind]] = target.name;
      if (errorType !== undefined) labels.error_type = errorType;
      this.metrics.operationDuration.observe(labels, durationMs / 1000);
    }
    if (span) this.spans.end(span, request.method, result, error, errorType);
    if (this.logs) this.log.write(ctx, scope, request.method, target, durationMs, errorType);
  }
}
