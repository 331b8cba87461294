import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { McpHandlerFactory, type ProviderWrapper } from '../execution/mcp-handler.factory.js';
import { buildPromptDefinition, buildResourceDefinition, buildToolDefinition } from '../registry/definition.builder.js';
import { McpRegistry } from '../registry/mcp-registry.js';
import { McpMetadataAccessor } from './mcp-metadata.accessor.js';

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
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const prototype = this.prototypeOf(wrapper);
      if (!prototype) continue;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        this.explore(wrapper, prototype, methodName);
      }
    }
    this.logger.log(
      `Registered ${this.registry.tools.size} tools, ${this.registry.resources.size + this.registry.resourceTemplates.size} resources, ${this.registry.prompts.size} prompts`,
    );
  }

  private prototypeOf(wrapper: ProviderWrapper): object | undefined {
    // Request-scoped and transient providers have no usable instance at bootstrap: read their class.
    if (wrapper.metatype && !wrapper.isNotMetatype && typeof wrapper.metatype === 'function' && wrapper.metatype.prototype) {
      return wrapper.metatype.prototype as object;
    }
    return wrapper.instance ? (Object.getPrototypeOf(wrapper.instance) as object) : undefined;
  }

  private explore(wrapper: ProviderWrapper, prototype: object, methodName: string): void {
    const method = (prototype as Record<string, unknown>)[methodName];
    if (typeof method !== 'function') return;
    const tool = this.accessor.getTool(method);
    const resource = this.accessor.getResource(method);
    const prompt = this.accessor.getPrompt(method);
    if (!tool && !resource && !prompt) return;

    const source = `${wrapper.name ?? (prototype.constructor as Function).name}.${methodName}`;
    const invoke = this.handlers.create(wrapper, methodName);
    const handler = { class: prototype.constructor as Function, method };
    if (tool) {
      this.registry.registerTool({ ...buildToolDefinition({ ...tool, name: tool.name ?? methodName }, invoke, source), handler });
    }
    if (prompt) {
      this.registry.registerPrompt({ ...buildPromptDefinition({ ...prompt, name: prompt.name ?? methodName }, invoke, source), handler });
    }
    if (resource) {
      const built = buildResourceDefinition({ ...resource, name: resource.name ?? methodName }, invoke, source);
      if (built.kind === 'resource') this.registry.registerResource({ ...built.definition, handler });
      else this.registry.registerResourceTemplate({ ...built.definition, handler });
    }
  }
}
