import { UriTemplate, type PromptArgument } from '@modelcontextprotocol/server';
import type { McpPromptOptions } from '../interfaces/mcp-prompt-options.interface.js';
import type { McpResourceOptions } from '../interfaces/mcp-resource-options.interface.js';
import type { McpToolOptions } from '../interfaces/mcp-tool-options.interface.js';
import type { JsonSchemaObject } from '../schema/compiled-schema.js';
import { compileSchema, EMPTY_OBJECT_SCHEMA } from '../schema/schema-compiler.js';
import { toolTaskPolicy } from './tool-task.policy.js';
import type {
  McpInvoker,
  McpPromptDefinition,
  McpResourceDefinition,
  McpResourceTemplateDefinition,
  McpToolDefinition,
} from './mcp-definitions.js';
import { McpConfigurationError } from '../errors/mcp-configuration.error.js';
import { invalidUriTemplate, notAbsoluteUri } from '../errors/mcp.messages.js';

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function buildToolDefinition(options: McpToolOptions & { name: string }, invoke: McpInvoker, source: string): McpToolDefinition {
  const input = options.input ? compileSchema(options.input, 'input', `Tool "${options.name}" (${source})`, options.unknownArguments) : undefined;
  const output = options.output ? compileSchema(options.output, 'output', `Tool "${options.name}" (${source})`) : undefined;
  const task = toolTaskPolicy(options.task, `Tool "${options.name}" (${source})`);
  return {
    key: options.name,
    source,
    invoke,
    enabled: true,
    input,
    output,
    timeoutMs: options.timeoutMs,
    task,
    descriptor: withoutUndefined({
      name: options.name,
      title: options.title,
      description: options.description,
      inputSchema: (input?.jsonSchema ?? EMPTY_OBJECT_SCHEMA) as { type: 'object' },
      outputSchema: output?.jsonSchema as { type: 'object' } | undefined,
      annotations: options.annotations,
      // spec 2025-11-25 "Tool-Level Negotiation"; the 2026-07-28 codec drops the field from the wire.
      execution: task ? { taskSupport: task.support } : undefined,
      icons: options.icons,
      _meta: options._meta,
    }),
  };
}

/** MCP prompt arguments are named strings (spec: server/prompts); derive them from the schema's properties. */
function promptArguments(schema: JsonSchemaObject): PromptArgument[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) =>
    withoutUndefined({
      name,
      title: typeof property.title === 'string' ? property.title : undefined,
      description: typeof property.description === 'string' ? property.description : undefined,
      required: required.has(name),
    }),
  );
}

export function buildPromptDefinition(options: McpPromptOptions & { name: string }, invoke: McpInvoker, source: string): McpPromptDefinition {
  const args = options.arguments ? compileSchema(options.arguments, 'input', `Prompt "${options.name}" (${source})`, options.unknownArguments) : undefined;
  return {
    key: options.name,
    source,
    invoke,
    enabled: true,
    args,
    descriptor: withoutUndefined({
      name: options.name,
      title: options.title,
      description: options.description,
      arguments: args ? promptArguments(args.jsonSchema) : undefined,
      icons: options.icons,
      _meta: options._meta,
    }),
  };
}

export function buildResourceDefinition(
  options: McpResourceOptions & { name: string },
  invoke: McpInvoker,
  source: string,
): { kind: 'resource'; definition: McpResourceDefinition } | { kind: 'resourceTemplate'; definition: McpResourceTemplateDefinition } {
  const common = withoutUndefined({
    name: options.name,
    title: options.title,
    description: options.description,
    mimeType: options.mimeType,
    icons: options.icons,
    annotations: options.annotations,
    _meta: options._meta,
  });
  if (options.uriTemplate !== undefined) {
    let matcher: UriTemplate;
    try {
      matcher = new UriTemplate(options.uriTemplate);
    } catch (error) {
      const owner = `Resource "${options.name}" (${source})`;
      throw new McpConfigurationError(owner, 'uriTemplate', invalidUriTemplate(owner, options.uriTemplate, (error as Error).message));
    }
    return {
      kind: 'resourceTemplate',
      definition: { key: options.name, source, invoke, enabled: true, matcher, descriptor: { ...common, uriTemplate: options.uriTemplate } },
    };
  }
  if (typeof options.uri !== 'string' || !URL.canParse(options.uri)) {
    const owner = `Resource "${options.name}" (${source})`;
    throw new McpConfigurationError(owner, 'uri', notAbsoluteUri(owner, options.uri));
  }
  return { kind: 'resource', definition: { key: options.uri, source, invoke, enabled: true, descriptor: { ...common, uri: options.uri } } };
}
