import { Inject, Injectable } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { ServerContext } from '@modelcontextprotocol/server';
import type { McpServeScope } from '../../common/mcp-serve-scope.js';
import type { McpObservedRequest } from '../../execution/mcp-request-observers.js';
import { McpLogRedactor } from '../../redaction/log-redactor.js';
import { MCP_OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../mcp-observability.options.js';
import type { McpOperationTarget } from '../mcp-operation.js';
import { metaGetter } from './meta-carrier.js';

/**
 * The name the library's tracer has; tracing backends show it as the instrumentation scope.
 *
 * @publicApi
 */
export const MCP_TRACER_NAME = 'nestjs-fastmcp';

const TARGET_ATTRIBUTE = { tool: 'gen_ai.tool.name', prompt: 'gen_ai.prompt.name', resource: 'mcp.resource.uri' } as const;

/** A span started for one request, and the context its handler runs in. */
export interface McpRequestSpan {
  readonly span: Span;
  readonly context: Context;
}

/**
 * Server spans of MCP requests through `@opentelemetry/api` alone, named and described after the
 * OpenTelemetry MCP semantic conventions (gen-ai/mcp, "Server"). Whatever SDK the app installs
 * records them; without one they cost a no-op span.
 */
@Injectable()
export class McpRequestSpans {
  private readonly tracer: Tracer = trace.getTracer(MCP_TRACER_NAME);
  private readonly captureArguments: boolean;

  constructor(
    @Inject(MCP_OBSERVABILITY_OPTIONS) options: ResolvedObservabilityOptions,
    private readonly redactor: McpLogRedactor,
  ) {
    this.captureArguments = options.tracing?.captureArguments ?? false;
  }

  start(request: McpObservedRequest, ctx: ServerContext, scope: McpServeScope, target: McpOperationTarget): McpRequestSpan {
    const parent = this.parentOf(request, ctx);
    const method = request.method;
    const attributes: Attributes = {
      'mcp.method.name': method,
      'jsonrpc.request.id': String(ctx.mcpReq.id),
      'network.transport': scope.transport === 'stdio' ? 'pipe' : 'tcp',
    };
    const protocolVersion = scope.server.getNegotiatedProtocolVersion();
    if (protocolVersion !== undefined) attributes['mcp.protocol.version'] = protocolVersion;
    if (ctx.sessionId !== undefined) attributes['mcp.session.id'] = ctx.sessionId;
    if (target.kind !== undefined) {
      // The span carries what the client asked for (the conventions' attribute); the span name, only a registered name.
      const asked = target.kind === 'resource' ? request.params?.uri : request.params?.name;
      if (typeof asked === 'string') attributes[TARGET_ATTRIBUTE[target.kind]] = asked;
    }
    if (method === 'tools/call') {
      attributes['gen_ai.operation.name'] = 'execute_tool';
      if (this.captureArguments) attributes['gen_ai.tool.call.arguments'] = json(this.redactor.redact(request.params?.arguments ?? {}));
    }
    // A resource URI would make span names unbounded (conventions: not the default target).
    const name = target.name !== undefined && target.kind !== 'resource' ? `${method} ${target.name}` : method;
    const span = this.tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
    return { span, context: trace.setSpan(parent, span) };
  }

  end({ span }: McpRequestSpan, method: string, result: unknown, error: unknown, errorType: string | undefined): void {
    if (errorType !== undefined) {
      span.setAttribute('error.type', errorType);
      if (error instanceof Error) span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : firstText(result) });
    }
    if (method === 'tools/call' && this.captureArguments && result !== undefined) span.setAttribute('gen_ai.tool.call.result', json(this.redactor.redact(result)));
    span.end();
  }

  /** The client's span from `_meta` when it sent one, else the active one (an HTTP server span, if the app traces HTTP). */
  private parentOf(request: McpObservedRequest, ctx: ServerContext): Context {
    const active = context.active();
    const meta = (ctx.mcpReq._meta ?? request.params?._meta) as Readonly<Record<string, unknown>> | undefined;
    return meta && typeof meta.traceparent === 'string' ? propagation.extract(active, meta, metaGetter) : active;
  }
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function firstText(result: unknown): string | undefined {
  const block = (result as { content?: { type?: string; text?: string }[] } | undefined)?.content?.[0];
  return block?.type === 'text' ? block.text : undefined;
}
