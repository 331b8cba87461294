import { Inject, Injectable } from '@nestjs/common';
import {
  ProtocolError,
  ProtocolErrorCode,
  type GetPromptRequest,
  type GetPromptResult,
  type InputRequiredResult,
  type ListPromptsRequest,
  type ListPromptsResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { denialReason } from '../../access/denial-reason.js';
import { McpAccessAudit } from '../../access/mcp-access.audit.js';
import { McpAccessGate } from '../../access/mcp-access.gate.js';
import type { McpServeScope } from '../../common/mcp-serve-scope.js';
import { McpContextFactory } from '../../execution/mcp-context.factory.js';
import { McpErrorMapper } from '../../execution/mcp-error.mapper.js';
import { McpInputRequiredSignal } from '../../execution/input-required.signal.js';
import { toGetPromptResult } from '../../execution/prompt-result.mapper.js';
import { McpRequestStateCodec } from '../../execution/request-state.codec.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { paginate } from '../../common/pagination.js';
import { invalidPromptArguments, promptNotFound } from '../../errors/mcp.messages.js';

/** `prompts/list` and `prompts/get` over the shared registry (spec: server/prompts). */
@Injectable()
export class PromptsHandler {
  constructor(
    private readonly registry: McpRegistry,
    private readonly contexts: McpContextFactory,
    private readonly errors: McpErrorMapper,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly access: McpAccessGate,
    private readonly audit: McpAccessAudit,
    private readonly stateCodec: McpRequestStateCodec,
  ) {}

  async list(request: ListPromptsRequest, serverCtx: ServerContext): Promise<ListPromptsResult> {
    const visible = await this.access.visible('prompt', this.registry.prompts.list(), serverCtx);
    const { page, nextCursor } = paginate(visible, request.params?.cursor, this.options.pageSize);
    const prompts = page.map((definition) => definition.descriptor);
    return nextCursor ? { prompts, nextCursor } : { prompts };
  }

  async get(request: GetPromptRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<GetPromptResult | InputRequiredResult> {
    const { name } = request.params;
    const prompt = this.registry.prompts.get(name);
    if (!prompt || !prompt.enabled || !(await this.access.allows('prompt', prompt, serverCtx))) {
      const message = promptNotFound(name);
      if (prompt?.enabled) this.audit.hidden(serverCtx, scope, name, request.params.arguments ?? {}, message);
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, message);
    }

    let args: unknown = request.params.arguments ?? {};
    if (prompt.args) {
      const validation = await prompt.args.validate(args);
      if (!validation.ok) throw new ProtocolError(ProtocolErrorCode.InvalidParams, invalidPromptArguments(name, validation.message));
      args = validation.value;
    }
    const round = scope.era === 'modern' ? this.stateCodec.round(serverCtx, name, request.params.arguments ?? {}) : undefined;
    const ctx = this.contexts.create(serverCtx, scope, name, undefined, round);
    try {
      return toGetPromptResult(await prompt.invoke(args, ctx), prompt.descriptor.description);
    } catch (error) {
      if (error instanceof McpInputRequiredSignal) return ctx.inputRequired();
      const refused = this.errors.toProtocolError(error, `Prompt ${name} (${prompt.source})`);
      const reason = denialReason(error);
      if (reason !== undefined) this.audit.denied(ctx, name, args, reason, refused.message);
      throw refused;
    }
  }
}
