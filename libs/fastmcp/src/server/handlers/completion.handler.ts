import { Injectable } from '@nestjs/common';
import { ProtocolError, ProtocolErrorCode, type CompleteRequest, type CompleteResult, type ServerContext } from '@modelcontextprotocol/server';
import type { McpServeScope } from '../../execution/mcp-call-context.js';
import { McpContextFactory } from '../../execution/mcp-context.factory.js';
import { McpErrorMapper } from '../../execution/mcp-error.mapper.js';
import type { McpCompleter, McpCompletionValues } from '../../interfaces/mcp-complete-options.interface.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { fuzzyMatch } from './fuzzy-match.js';

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
  ) {}

  async complete(request: CompleteRequest, serverCtx: ServerContext, scope: McpServeScope): Promise<CompleteResult> {
    const { ref, argument, context } = request.params;
    let completer: McpCompleter | undefined;
    let candidates: readonly string[] | undefined;
    let label: string;
    if (ref.type === 'ref/prompt') {
      const prompt = this.registry.prompts.get(ref.name);
      if (!prompt?.enabled) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Prompt ${ref.name} not found`);
      completer = this.registry.getCompleter('prompt', ref.name, argument.name);
      const values = prompt.args?.jsonSchema.properties?.[argument.name]?.enum;
      candidates = Array.isArray(values) && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
      label = `prompt ${ref.name}`;
    } else {
      const template = this.registry.findResourceTemplate(ref.uri);
      if (!template?.enabled) {
        if (this.registry.resources.get(ref.uri)) return result([]);
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Resource template ${ref.uri} not found`);
      }
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
}

function result(values: McpCompletionValues): CompleteResult {
  if (!Array.isArray(values)) {
    return { completion: { ...values, values: values.values.slice(0, MAX_VALUES), hasMore: values.hasMore ?? values.values.length > MAX_VALUES } };
  }
  return { completion: { values: values.slice(0, MAX_VALUES), total: values.length, hasMore: values.length > MAX_VALUES } };
}
