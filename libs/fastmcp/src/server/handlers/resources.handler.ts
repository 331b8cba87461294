import { Inject, Injectable } from '@nestjs/common';
import {
  ResourceNotFoundError,
  type ListResourcesRequest,
  type ListResourcesResult,
  type ListResourceTemplatesRequest,
  type ListResourceTemplatesResult,
  type ReadResourceRequest,
  type ReadResourceResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { McpAccessGate } from '../../auth/mcp-access.gate.js';
import type { McpServeScope } from '../../execution/mcp-call-context.js';
import { McpContextFactory } from '../../execution/mcp-context.factory.js';
import { McpErrorMapper } from '../../execution/mcp-error.mapper.js';
import { toReadResourceResult } from '../../execution/resource-result.mapper.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../mcp.module-definition.js';
import type { McpInvoker } from '../../registry/mcp-definitions.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { paginate } from './pagination.js';

/** `resources/list`, `resources/templates/list` and `resources/read` (spec: server/resources). */
@Injectable()
export class ResourcesHandler {
  constructor(
    private readonly registry: McpRegistry,
    private readonly contexts: McpContextFactory,
    private readonly errors: McpErrorMapper,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly access: McpAccessGate,
  ) {}

  async list(request: ListResourcesRequest): Promise<ListResourcesResult> {
    const visible = await this.access.visible('resource', this.registry.resources.list());
    const { page, nextCursor } = paginate(visible, request.params?.cursor, this.options.pageSize);
    const resources = page.map((definition) => definition.descriptor);
    return nextCursor ? { resources, nextCursor } : { resources };
  }

  async listTemplates(request: ListResourceTemplatesRequest): Promise<ListResourceTemplatesResult> {
    const visible = await this.access.visible('resourceTemplate', this.registry.resourceTemplates.list());
    const { page, nextCursor } = paginate(visible, request.params?.cursor, this.options.pageSize);
    const resourceTemplates = page.map((definition) => definition.descriptor);
    return nextCursor ? { resourceTemplates, nextCursor } : { resourceTemplates };
  }

  async read(request: ReadResourceRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<ReadResourceResult> {
    const { uri } = request.params;
    const fixed = this.registry.resources.get(uri);
    if (fixed?.enabled) {
      if (!(await this.access.allows('resource', fixed))) throw new ResourceNotFoundError(uri);
      return this.run(fixed.invoke, {}, uri, fixed.descriptor.mimeType, fixed.descriptor.name, fixed.source, serverCtx, scope);
    }
    for (const template of this.registry.resourceTemplates.list()) {
      const variables = template.matcher.match(uri);
      if (variables) {
        if (!(await this.access.allows('resourceTemplate', template))) throw new ResourceNotFoundError(uri);
        return this.run(template.invoke, variables, uri, template.descriptor.mimeType, template.key, template.source, serverCtx, scope);
      }
    }
    // spec server/resources "Error Handling": -32002 for a resource that does not exist.
    throw new ResourceNotFoundError(uri);
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
  ): Promise<ReadResourceResult> {
    try {
      return toReadResourceResult(await invoke(args, this.contexts.create(serverCtx, scope, name)), uri, mimeType);
    } catch (error) {
      throw this.errors.toProtocolError(error, `Resource ${uri} (${source})`, uri);
    }
  }
}
