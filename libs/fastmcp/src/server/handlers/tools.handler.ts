import { Inject, Injectable } from '@nestjs/common';
import {
  isInputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  type CallToolRequest,
  type CallToolResult,
  type InputRequiredResult,
  type ListToolsRequest,
  type ListToolsResult,
  type Server,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { McpServeScope } from '../../execution/mcp-call-context.js';
import { McpContextFactory } from '../../execution/mcp-context.factory.js';
import { McpErrorMapper } from '../../execution/mcp-error.mapper.js';
import { toCallToolResult, toolErrorResult } from '../../execution/tool-result.mapper.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../mcp.module-definition.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { paginate } from './pagination.js';

/** `tools/list` and `tools/call` over the shared registry (spec: server/tools). */
@Injectable()
export class ToolsHandler {
  constructor(
    private readonly registry: McpRegistry,
    private readonly contexts: McpContextFactory,
    private readonly errors: McpErrorMapper,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
  ) {}

  list(request: ListToolsRequest): ListToolsResult {
    const { page, nextCursor } = paginate(this.registry.tools.list(), request.params?.cursor, this.options.pageSize);
    const tools = page.map((definition) => definition.descriptor);
    return nextCursor ? { tools, nextCursor } : { tools };
  }

  async call(server: Server, request: CallToolRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<CallToolResult | InputRequiredResult> {
    const { name } = request.params;
    const tool = this.registry.tools.get(name);
    // spec 2025-11-25 server/tools "Error Handling": unknown tools are a protocol error.
    if (!tool || !tool.enabled) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Tool ${name} not found`);

    let args: unknown = request.params.arguments ?? {};
    if (tool.input) {
      const validation = await tool.input.validate(args);
      if (!validation.ok) return toolErrorResult(`Invalid arguments for tool ${name}: ${validation.message}`);
      args = validation.value;
    }
    try {
      const value = await tool.invoke(args, this.contexts.create(serverCtx, scope, name));
      if (isInputRequiredResult(value)) return value;
      const result = toCallToolResult(value, tool.output !== undefined);
      if (tool.output && !result.isError) {
        const output = await tool.output.validate(result.structuredContent);
        if (!output.ok) {
          return toolErrorResult(this.errors.toolErrorMessage(new Error(`Output validation error for tool ${name}: ${output.message}`), `Tool ${name}`));
        }
      }
      return server.projectCallToolResult(result, tool.output?.jsonSchema);
    } catch (error) {
      if (error instanceof ProtocolError && error.code === ProtocolErrorCode.UrlElicitationRequired) throw error;
      return toolErrorResult(this.errors.toolErrorMessage(error, `Tool ${name} (${tool.source})`));
    }
  }
}
