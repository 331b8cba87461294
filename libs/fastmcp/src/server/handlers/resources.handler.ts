import { Inject, Injectable } from '@nestjs/common';
import {
  ResourceNotFoundError,
  type ListResourcesRequest,
  type ListResourcesResult,
  type ListResourceTemplatesRequest,
  type ListResourceTemplatesResult,
  type ReadResourceRequest,
  type ReadResourceResult,
  type InputRequiredResult,
  type ServerContext,
  type SubscribeRequest,
  type UnsubscribeRequest,
} from '@modelcontextprotocol/server';
import { denialReason } from '../../access/denial-reason.js';
import { McpAccessAudit } from '../../access/mcp-access.audit.js';
import { McpAccessGate } from '../../access/mcp-access.gate.js';
import { McpSessionManager } from '../../sessions/mcp-session-manager.js';
import type { McpServeScope } from '../../common/mcp-serve-scope.js';
import { McpContextFactory } from '../../execution/mcp-context.factory.js';
import { McpErrorMapper } from '../../execution/mcp-error.mapper.js';
import { McpInputRequiredSignal } from '../../execution/input-required.signal.js';
import { McpRequestStateCodec } from '../../execution/request-state.codec.js';
import { toReadResourceResult } from '../../execution/resource-result.mapper.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import type { McpInvoker } from '../../registry/mcp-definitions.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { paginate } from '../../common/pagination.js';

/** `resources/list`, `resources/templates/list` and `resources/read` (spec: server/resources). */
@Injectable()
export class ResourcesHandler {
  constructor(
    private readonly registry: McpRegistry,
    private readonly contexts: McpContextFactory,
    private readonly errors: McpErrorMapper,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly sessions: McpSessionManager,
    private readonly access: McpAccessGate,
    private readonly audit: McpAccessAudit,
    private readonly stateCodec: McpRequestStateCodec,
  ) {}

  /**
   * `resources/subscribe`: only a resource the caller may read can be subscribed to; an unknown
   * or hidden URI is refused as `resources/read` refuses it (-32002), and nothing is kept.
   */
  async subscribe(request: SubscribeRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<Record<string, never>> {
    const { uri } = request.params;
    await this.readable(uri, serverCtx, scope);
    const session = this.sessions.peek(serverCtx.sessionId);
    if (session) this.sessions.subscribe(session, uri);
    return {};
  }

  unsubscribe(request: UnsubscribeRequest, serverCtx: ServerContext): Record<string, never> {
    const session = this.sessions.peek(serverCtx.sessionId);
    if (session) this.sessions.unsubscribe(session, request.params.uri);
    return {};
  }

  async list(request: ListResourcesRequest, serverCtx: ServerContext): Promise<ListResourcesResult> {
    const visible = await this.access.visible('resource', this.registry.resources.list(), serverCtx);
    const { page, nextCursor } = paginate(visible, request.params?.cursor, this.options.pageSize);
    const resources = page.map((definition) => definition.descriptor);
    return nextCursor ? { resources, nextCursor } : { resources };
  }

  async listTemplates(request: ListResourceTemplatesRequest, serverCtx: ServerContext): Promise<ListResourceTemplatesResult> {
    const visible = await this.access.visible('resourceTemplate', this.registry.resourceTemplates.list(), serverCtx);
    const { page, nextCursor } = paginate(visible, request.params?.cursor, this.options.pageSize);
    const resourceTemplates = page.map((definition) => definition.descriptor);
    return nextCursor ? { resourceTemplates, nextCursor } : { resourceTemplates };
  }

  async read(request: ReadResourceRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<ReadResourceResult | InputRequiredResult> {
    const { uri } = request.params;
    const found = await this.readable(uri, serverCtx, scope);
    if (found.kind === 'resource') {
      const fixed = found.definition;
      return this.run(fixed.invoke, {}, uri, fixed.descriptor.mimeType, fixed.descriptor.name, fixed.source, serverCtx, scope);
    }
    const template = found.definition;
    return this.run(template.invoke, found.variables, uri, template.descriptor.mimeType, template.key, template.source, serverCtx, scope);
  }

  /**
   * The resource or template that serves `uri`, if the caller may use it. One the access policy
   * hides is refused exactly like one that does not exist (spec server/resources "Error
   * Handling": -32002), and the refusal is audited.
   */
  private async readable(uri: string, serverCtx: ServerContext, scope: McpServeScope) {
    const match = this.registry.resolveResource(uri);
    if (!match) throw new ResourceNotFoundError(uri);
    if (!(await this.access.allows(match.kind, match.definition, serverCtx))) {
      const error = new ResourceNotFoundError(uri);
      this.audit.hidden(serverCtx, scope, match.definition.key, { uri }, error.message);
      throw error;
    }
    return match;
  }

  private async run(
    invoke: McpInvoker,
    args: Record<string, unknown>,
    uri: string,
    mimeType: string | undefined,
    name: string,
    source: string,
    serverCtx: ServerContext,
    scope: McpServeScope,
  ): Promise<ReadResourceResult | InputRequiredResult> {
    const round = scope.era === 'modern' ? this.stateCodec.round(serverCtx, uri, {}) : undefined;
    const ctx = this.contexts.create(serverCtx, scope, name, undefined, round);
    try {
      return toReadResourceResult(await invoke(args, ctx), uri, mimeType);
    } catch (error) {
      if (error instanceof McpInputRequiredSignal) return ctx.inputRequired();
      const refused = this.errors.toProtocolError(error, `Resource ${uri} (${source})`, uri);
      const reason = denialReason(error);
      if (reason !== undefined) this.audit.denied(ctx, name, { uri }, reason, refused.message);
      throw refused;
    }
  }
}
