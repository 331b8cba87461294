import { Injectable } from '@nestjs/common';
import { McpAccessAudit } from '../../access/mcp-access.audit.js';
import { McpAccessGate } from '../../access/mcp-access.gate.js';
import { ProtocolError, ProtocolErrorCode, type CompleteRequest, type CompleteResult, type ServerContext } from '@modelcontextprotocol/server';
import type { McpServeScope } from '../../common/mcp-serve-scope.js';
import { McpContextFactory } from '../../execution/mcp-context.factory.js';
import { McpErrorMapper } from '../../execution/mcp-error.mapper.js';
import type { McpCompleter, McpCompletionValues } from '../../interfaces/mcp-complete-options.interface.js';
import type { McpPromptDefinition, McpResourceDefinition, McpResourceTemplateDefinition } from '../../registry/mcp-definitions.js';
import type { McpCatalogKind } from '../../common/mcp-catalog.types.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { fuzzyMatch } from './fuzzy-match.js';
import { promptNotFound, resourceTemplateNotFound } from '../../errors/mcp.messages.js';

type McpDefinition = McpPromptDefinition | McpResourceDefinition | McpResourceTemplateDefinition;

/** Spec server/utilities/completion: at most 100 values per response. */
const MAX_VALUES = 100;

/**
 * `completion/complete` for prompt arguments and resource-template variables: a registered
 * completer wins; otherwise an enum in the argument's schema completes fuzzily.
 */
@Injectable()
export class CompletionHandler {
  constructor(
    private readonly registry: McpRegistry,
    private readonly contexts: McpContextFactory,
    private readonly errors: McpErrorMapper,
    private readonly access: McpAccessGate,
    private readonly audit: McpAccessAudit,
  ) {}

  async complete(request: CompleteRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<CompleteResult> {
    const { ref, argument, context } = request.params;
    let completer: McpCompleter | undefined;
    let candidates: readonly string[] | undefined;
    let label: string;
    if (ref.type === 'ref/prompt') {
      const prompt = this.registry.prompts.get(ref.name);
      if (!prompt?.enabled || !(await this.permits('prompt', prompt, promptNotFound(ref.name), request, serverCtx, scope))) {
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, promptNotFound(ref.name));
      }
      completer = this.registry.getCompleter('prompt', ref.name, argument.name);
      const values = prompt.args?.jsonSchema.properties?.[argument.name]?.enum;
      candidates = Array.isArray(values) && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
      label = `prompt ${ref.name}`;
    } else {
      const unknown = resourceTemplateNotFound(ref.uri);
      const template = this.registry.findResourceTemplate(ref.uri);
      if (!template?.enabled) {
        // A fixed resource has no variables to complete; one the caller may not see is unknown.
        const fixed = this.registry.resources.get(ref.uri);
        if (fixed?.enabled && (await this.permits('resource', fixed, unknown, request, serverCtx, scope))) return result([]);
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, unknown);
      }
      if (!(await this.permits('resourceTemplate', template, unknown, request, serverCtx, scope))) throw new ProtocolError(ProtocolErrorCode.InvalidParams, unknown);
      completer = this.registry.getCompleter('resource', template.descriptor.uriTemplate, argument.name);
      label = `resource template ${template.descriptor.uriTemplate}`;
    }
    if (!completer) return result(candidates ? fuzzyMatch(candidates, argument.value) : []);
    try {
      const ctx = this.contexts.create(serverCtx, scope, `complete ${label}`);
      const values = await completer({ argument: argument.name, value: argument.value, arguments: context?.arguments ?? {} }, ctx);
      return result(values);
    } catch (error) {
      throw this.errors.toProtocolError(error, `Completion of ${label} argument ${argument.name}`);
    }
  }

  /**
   * Whether the caller may use the item a completion refers to. Completing an argument of an
   * item the caller may not see would tell it the item exists (and its enum values): such a
   * request is answered as for an unknown item, and audited.
   */
  private async permits(kind: McpCatalogKind, definition: McpDefinition, unknown: string, request: CompleteRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<boolean> {
    if (await this.access.allows(kind, definition, serverCtx)) return true;
    this.audit.hidden(serverCtx, scope, definition.key, { argument: request.params.argument.name }, unknown);
    return false;
  }
}

function result(values: McpCompletionValues): CompleteResult {
  if (!Array.isArray(values)) {
    return { completion: { ...values, values: values.values.slice(0, MAX_VALUES), hasMore: values.hasMore ?? values.values.length > MAX_VALUES } };
  }
  return { completion: { values: values.slice(0, MAX_VALUES), total: values.length, hasMore: values.length > MAX_VALUES } };
}
