import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { McpCallGuards } from '../execution/mcp-call-guards.js';
import { McpHandlerFactory, type ProviderWrapper } from '../execution/mcp-handler.factory.js';
import { buildPromptDefinition, buildResourceDefinition, buildToolDefinition } from '../registry/definition.builder.js';
import { McpRegistry } from '../registry/mcp-registry.js';
import { McpBootstrapError } from '../errors/mcp-bootstrap-error.js';
import type { McpCompleteOptions, McpCompleter, McpCompletionValues } from '../interfaces/mcp-complete-options.interface.js';
import type { McpInvoker } from '../registry/mcp-definitions.js';
import type { McpHandlerRef } from '../common/mcp-catalog.types.js';
import { McpMetadataAccessor } from './mcp-metadata.accessor.js';
import { completionTargetMissing } from '../errors/mcp.messages.js';

/** Finds `@McpTool` / `@McpResource` / `@McpPrompt` methods on every provider and fills the registry. */
@Injectable()
export class McpExplorer implements OnModuleInit {
  private readonly logger = new Logger('McpExplorer');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: McpMetadataAccessor,
    private readonly handlers: McpHandlerFactory,
    private readonly registry: McpRegistry,
    private readonly callGuards: McpCallGuards,
  ) {}

  onModuleInit(): void {
    // Completions name prompts and templates, so they are registered once every item is known.
    const completions: Array<() => void> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const prototype = this.prototypeOf(wrapper);
      if (!prototype) continue;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        this.explore(wrapper, prototype, methodName, completions);
      }
    }
    for (const register of completions) register();
    this.logger.log(
      `Registered ${this.registry.tools.size} tools, ${this.registry.resources.size + this.registry.resourceTemplates.size} resources, ${this.registry.prompts.size} prompts`,
    );
    this.warnOfMetadataForRouteGuards();
  }

  /**
   * A global guard that stays on the HTTP routes never sees a tool's metadata (`@Roles()` and
   * the like, which a guard reads from the handler): if items carry metadata of that kind, say
   * which, so a guard meant to act on calls can be marked `@McpAlsoOnCalls()`.
   */
  private warnOfMetadataForRouteGuards(): void {
    const guards = this.callGuards.routeOnlyGlobalGuards();
    if (guards.length === 0) return;
    const items = new Map<string, Set<string>>();
    for (const definition of [...this.registry.tools.all(), ...this.registry.resources.all(), ...this.registry.resourceTemplates.all(), ...this.registry.prompts.all()]) {
      // An item with guards of its own has what reads its metadata.
      if (!definition.handler || hasOwnGuards(definition.handler)) continue;
      const keys = appMetadataKeys(definition.handler);
      if (keys.length > 0) items.set(definition.source, new Set(keys));
    }
    if (items.size === 0) return;
    const listed = [...items].map(([source, keys]) => `${source} (${[...keys].join(', ')})`).join('; ');
    this.logger.warn(
      `The global guard(s) ${guards.map((guard) => guard.name).join(', ')} run on the MCP HTTP routes, not on each MCP call; ` +
        `these MCP handlers carry metadata such a guard may expect to read on a call: ${listed}. ` +
        'Mark a guard that should act on calls @McpAlsoOnCalls(), or set globalGuardsOnCalls: true.',
    );
  }

  private prototypeOf(wrapper: ProviderWrapper): object | undefined {
    // Request-scoped and transient providers have no usable instance at bootstrap: read their class.
    if (wrapper.metatype && !wrapper.isNotMetatype && typeof wrapper.metatype === 'function' && wrapper.metatype.prototype) {
      return wrapper.metatype.prototype as object;
    }
    return wrapper.instance ? (Object.getPrototypeOf(wrapper.instance) as object) : undefined;
  }

  private explore(wrapper: ProviderWrapper, prototype: object, methodName: string, completions: Array<() => void>): void {
    const method = (prototype as Record<string, unknown>)[methodName];
    if (typeof method !== 'function') return;
    const tool = this.accessor.getTool(method);
    const resource = this.accessor.getResource(method);
    const prompt = this.accessor.getPrompt(method);
    const complete = this.accessor.getComplete(method);
    if (!tool && !resource && !prompt && !complete) return;

    const source = `${wrapper.name ?? (prototype.constructor as Function).name}.${methodName}`;
    const invoke = this.handlers.create(wrapper, methodName);
    const handler = { class: prototype.constructor as Function, method };
    if (tool) {
      this.registry.registerTool({ ...buildToolDefinition({ ...tool, name: tool.name ?? methodName }, invoke, source), handler });
    }
    if (prompt) {
      const name = prompt.name ?? methodName;
      this.registry.registerPrompt({ ...buildPromptDefinition({ ...prompt, name }, invoke, source), handler });
      for (const [argument, completer] of Object.entries(prompt.complete ?? {})) {
        this.registry.registerCompleter('prompt', name, argument, completer, source);
      }
    }
    if (complete) {
      completions.push(() => this.registerCompletion(complete, invoke, source));
    }
    if (resource) {
      const built = buildResourceDefinition({ ...resource, name: resource.name ?? methodName }, invoke, source);
      if (built.kind === 'resource') this.registry.registerResource({ ...built.definition, handler });
      else this.registry.registerResourceTemplate({ ...built.definition, handler });
      if (resource.uriTemplate !== undefined) {
        for (const [argument, completer] of Object.entries(resource.complete ?? {})) {
          this.registry.registerCompleter('resource', resource.uriTemplate, argument, completer, source);
        }
      }
    }
  }

  private registerCompletion(options: McpCompleteOptions, invoke: McpInvoker, source: string): void {
    const completer: McpCompleter = (request, ctx) => invoke(request, ctx) as Promise<McpCompletionValues>;
    if (options.prompt !== undefined) {
      if (!this.registry.prompts.get(options.prompt)) {
        throw new McpBootstrapError(completionTargetMissing(source, 'prompt', options.prompt));
      }
      this.registry.registerCompleter('prompt', options.prompt, options.argument, completer, source);
      return;
    }
    const template = this.registry.findResourceTemplate(options.resource);
    if (!template) {
      throw new McpBootstrapError(completionTargetMissing(source, 'resource template', options.resource));
    }
    this.registry.registerCompleter('resource', template.descriptor.uriTemplate, options.argument, completer, source);
  }
}

/** Metadata keys Nest and this library write on handlers and providers: not what an app's guard reads. */
const FRAMEWORK_KEY = /^(design:|self:|scope:|__|nestjs-fastmcp:)/;

/** Nest's metadata key of `@UseGuards()`. */
const GUARDS_METADATA = '__guards__';

function hasOwnGuards(handler: McpHandlerRef): boolean {
  return [handler.method, handler.class].some((target) => ((Reflect.getMetadata(GUARDS_METADATA, target) as unknown[] | undefined)?.length ?? 0) > 0);
}

/** The metadata keys of a handler (method, then class) that the app or another library wrote. */
function appMetadataKeys(handler: McpHandlerRef): string[] {
  const keys = [...Reflect.getMetadataKeys(handler.method), ...Reflect.getMetadataKeys(handler.class)];
  return [...new Set(keys.filter((key): key is string => typeof key === 'string' && !FRAMEWORK_KEY.test(key)))];
}
