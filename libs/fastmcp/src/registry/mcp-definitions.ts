import type { ListResourceTemplatesResult, Prompt, Resource, Tool, UriTemplate } from '@modelcontextprotocol/server';

/** The spec's ResourceTemplate (the SDK's `ResourceTemplate` export is McpServer's helper class). */
export type ResourceTemplateDescriptor = ListResourceTemplatesResult['resourceTemplates'][number];
import type { McpContext } from '../interfaces/mcp-context.interface.js';
import type { McpToolTaskPolicy } from '../interfaces/mcp-task-options.interface.js';
import type { CompiledSchema } from '../schema/compiled-schema.js';
import type { McpHandlerRef } from '../common/mcp-catalog.types.js';

/** Runs one MCP handler through the Nest pipeline (guards, interceptors, pipes, filters). */
export type McpInvoker = (args: unknown, ctx: McpContext) => Promise<unknown>;


interface McpDefinitionBase {
  /** The registry key: tool / prompt / template name, or a fixed resource's URI. */
  readonly key: string;
  readonly invoke: McpInvoker;
  /** Where the handler lives, e.g. `CalcService.add`: named in errors and logs. */
  readonly source: string;
  /** Set for handlers found on providers; absent for those added through `McpRegistry` at runtime. */
  readonly handler?: McpHandlerRef;
  enabled: boolean;
}

export interface McpToolDefinition extends McpDefinitionBase {
  /** The `tools/list` entry, built once. */
  readonly descriptor: Tool;
  readonly input?: CompiledSchema;
  readonly output?: CompiledSchema;
  readonly timeoutMs?: number;
  /** Set when calls may run as tasks. */
  readonly task?: McpToolTaskPolicy;
}

export interface McpResourceDefinition extends McpDefinitionBase {
  readonly descriptor: Resource;
}

export interface McpResourceTemplateDefinition extends McpDefinitionBase {
  readonly descriptor: ResourceTemplateDescriptor;
  readonly matcher: UriTemplate;
}

export interface McpPromptDefinition extends McpDefinitionBase {
  readonly descriptor: Prompt;
  readonly args?: CompiledSchema;
}

