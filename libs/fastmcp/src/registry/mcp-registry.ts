import { Injectable } from '@nestjs/common';
import type { McpContext } from '../interfaces/mcp-context.interface.js';
import type { McpPromptOptions } from '../interfaces/mcp-prompt-options.interface.js';
import type { McpResourceOptions } from '../interfaces/mcp-resource-options.interface.js';
import type { McpToolOptions } from '../interfaces/mcp-tool-options.interface.js';
import { McpBootstrapError } from '../errors/mcp-bootstrap-error.js';
import type { McpCompleter } from '../interfaces/mcp-complete-options.interface.js';
import { CatalogTable } from './catalog-table.js';
import { buildPromptDefinition, buildResourceDefinition, buildToolDefinition } from './definition.builder.js';
import type { McpPromptDefinition, McpResourceDefinition, McpResourceTemplateDefinition, McpToolDefinition } from './mcp-definitions.js';
import type { McpCatalogKind } from '../common/mcp-catalog.types.js';
import { duplicateCompletion } from '../errors/mcp.messages.js';
import { decodedVariables } from './template-variables.js';

/** A fixed resource, or a template with the variables it matched. */
export type McpResolvedResource =
  | { readonly kind: 'resource'; readonly definition: McpResourceDefinition }
  | { readonly kind: 'resourceTemplate'; readonly definition: McpResourceTemplateDefinition; readonly variables: Record<string, string | string[]> };

type RuntimeHandler = (args: never, ctx: McpContext) => unknown;
type CatalogListener = (kind: McpCatalogKind) => void;

/**
 * The catalog every session and request serves from: filled by the explorer at bootstrap,
 * changed at runtime through this public API. Handlers added here run without the Nest
 * pipeline (they belong to no provider).
 *
 * @publicApi
 */
@Injectable()
export class McpRegistry {
  readonly tools = new CatalogTable<McpToolDefinition>('tool');
  readonly resources = new CatalogTable<McpResourceDefinition>('resource');
  readonly resourceTemplates = new CatalogTable<McpResourceTemplateDefinition>('resource template');
  readonly prompts = new CatalogTable<McpPromptDefinition>('prompt');
  private readonly listeners = new Set<CatalogListener>();
  private readonly completers = new Map<string, { complete: McpCompleter; source: string }>();

  /** Called with the kind of catalog that changed; returns an unsubscribe function. */
  onChange(listener: CatalogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  registerTool(definition: McpToolDefinition): void {
    this.tools.add(definition);
    this.changed('tool');
  }

  registerResource(definition: McpResourceDefinition): void {
    this.resources.add(definition);
    this.changed('resource');
  }

  registerResourceTemplate(definition: McpResourceTemplateDefinition): void {
    this.resourceTemplates.add(definition);
    this.changed('resourceTemplate');
  }

  registerPrompt(definition: McpPromptDefinition): void {
    this.prompts.add(definition);
    this.changed('prompt');
  }

  /**
   * Registers a completion handler for a prompt argument (`kind: 'prompt'`, `ref` = prompt
   * name) or a resource-template variable (`kind: 'resource'`, `ref` = the URI template).
   */
  registerCompleter(kind: 'prompt' | 'resource', ref: string, argument: string, complete: McpCompleter, source: string): void {
    const key = completerKey(kind, ref, argument);
    const existing = this.completers.get(key);
    if (existing) {
      throw new McpBootstrapError(duplicateCompletion(kind, ref, argument, existing.source, source));
    }
    this.completers.set(key, { complete, source });
  }

  getCompleter(kind: 'prompt' | 'resource', ref: string, argument: string): McpCompleter | undefined {
    return this.completers.get(completerKey(kind, ref, argument))?.complete;
  }

  /** The template definition a completion reference or `@McpComplete({ resource })` names: by URI template or by name. */
  findResourceTemplate(uriTemplateOrName: string): McpResourceTemplateDefinition | undefined {
    return (
      this.resourceTemplates.get(uriTemplateOrName) ??
      [...this.resourceTemplates.all()].find((template) => template.descriptor.uriTemplate === uriTemplateOrName)
    );
  }

  /**
   * What serves a `resources/read` of `uri`: an enabled fixed resource, else the first enabled
   * template that matches it (with its variables); `undefined` when nothing does.
   */
  resolveResource(uri: string): McpResolvedResource | undefined {
    const fixed = this.resources.get(uri);
    if (fixed?.enabled) return { kind: 'resource', definition: fixed };
    for (const template of this.resourceTemplates.list()) {
      const matched = template.matcher.match(uri);
      const variables = matched && decodedVariables(matched);
      if (variables) return { kind: 'resourceTemplate', definition: template, variables };
    }
    return undefined;
  }

  addTool<H extends RuntimeHandler>(options: McpToolOptions & { name: string; handler: H }): void {
    this.registerTool(buildToolDefinition(options, runtimeInvoker(options.handler), `runtime tool "${options.name}"`));
  }

  addPrompt<H extends RuntimeHandler>(options: McpPromptOptions & { name: string; handler: H }): void {
    this.registerPrompt(buildPromptDefinition(options, runtimeInvoker(options.handler), `runtime prompt "${options.name}"`));
  }

  addResource<H extends RuntimeHandler>(options: McpResourceOptions & { name: string; handler: H }): void {
    const built = buildResourceDefinition(options, runtimeInvoker(options.handler), `runtime resource "${options.name}"`);
    if (built.kind === 'resource') this.registerResource(built.definition);
    else this.registerResourceTemplate(built.definition);
  }

  removeTool(name: string): boolean {
    return this.mutate('tool', this.tools.remove(name));
  }

  /** Removes a fixed resource by URI or a resource template by name. */
  removeResource(uriOrTemplateName: string): boolean {
    if (this.resources.remove(uriOrTemplateName)) return this.mutate('resource', true);
    return this.mutate('resourceTemplate', this.resourceTemplates.remove(uriOrTemplateName));
  }

  removePrompt(name: string): boolean {
    return this.mutate('prompt', this.prompts.remove(name));
  }

  setToolEnabled(name: string, enabled: boolean): boolean {
    return this.mutate('tool', this.tools.setEnabled(name, enabled));
  }

  setResourceEnabled(uriOrTemplateName: string, enabled: boolean): boolean {
    if (this.resources.get(uriOrTemplateName)) return this.mutate('resource', this.resources.setEnabled(uriOrTemplateName, enabled));
    return this.mutate('resourceTemplate', this.resourceTemplates.setEnabled(uriOrTemplateName, enabled));
  }

  setPromptEnabled(name: string, enabled: boolean): boolean {
    return this.mutate('prompt', this.prompts.setEnabled(name, enabled));
  }

  private mutate(kind: McpCatalogKind, changed: boolean): boolean {
    if (changed) this.changed(kind);
    return changed;
  }

  private changed(kind: McpCatalogKind): void {
    for (const listener of this.listeners) listener(kind);
  }
}

function completerKey(kind: string, ref: string, argument: string): string {
  return `${kind}\u0000${ref}\u0000${argument}`;
}

function runtimeInvoker(handler: RuntimeHandler) {
  return async (args: unknown, ctx: McpContext) => handler(args as never, ctx);
}
