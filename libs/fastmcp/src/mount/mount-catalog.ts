import type { Client, Prompt, Resource, Tool } from '@modelcontextprotocol/client';
import { McpUserError } from '../errors/mcp-user-error.js';
import { UriTemplate } from '@modelcontextprotocol/server';
import type { McpContext } from '../interfaces/mcp-context.interface.js';
import type { McpRegistry } from '../registry/mcp-registry.js';
import type { McpInvoker, ResourceTemplateDescriptor } from '../registry/mcp-definitions.js';
import type { MountConnection } from './mount-connection.js';
import type { MountNamespace } from './mount-namespace.js';
import type { MountHostClass } from './mount-host.js';

/**
 * The mount's items in our registry: after each (re)connection and list_changed, what the
 * mounted server lists replaces what was there. Each item's handler forwards to the mounted
 * server through the app's Nest pipeline, on an instance of the mount's host class, whose
 * metadata the access policy reads.
 */
export class MountCatalog {
  private readonly keys = { tools: new Set<string>(), resources: new Set<string>(), prompts: new Set<string>() };

  constructor(
    private readonly registry: McpRegistry,
    private readonly ns: MountNamespace,
    private readonly connection: MountConnection,
    private readonly host: MountHostClass,
    /** Wraps a forwarder in the app's Nest pipeline. */
    private readonly pipeline: (host: object, method: 'forward') => McpInvoker,
  ) {}

  private get handler() {
    return this.host.handlerRef;
  }

  private invoker(target: McpInvoker): McpInvoker {
    return this.pipeline(new this.host(target), 'forward');
  }

  private get source(): string {
    return `mount "${this.ns.label}"`;
  }

  async sync(client: Client): Promise<void> {
    const capabilities = client.getServerCapabilities() ?? {};
    const [tools, resources, templates, prompts] = await Promise.all([
      capabilities.tools ? client.listTools().then((r) => r.tools) : [],
      capabilities.resources ? client.listResources().then((r) => r.resources) : [],
      capabilities.resources ? client.listResourceTemplates().then((r) => r.resourceTemplates) : [],
      capabilities.prompts ? client.listPrompts().then((r) => r.prompts) : [],
    ]);
    this.clear();
    for (const tool of tools) this.addTool(tool);
    for (const resource of resources) this.addResource(resource);
    // The gateway hears of every change of a mounted fixed resource and passes it to the clients
    // that subscribed to it here (its own subscriptions decide who hears).
    if (capabilities.resources?.subscribe) {
      await Promise.all(resources.map((resource) => client.subscribeResource({ uri: resource.uri }).catch(() => undefined)));
    }
    for (const template of templates) this.addTemplate(template);
    for (const prompt of prompts) this.addPrompt(prompt);
  }

  /** Takes every item of the mount out of the registry. */
  clear(): void {
    for (const name of this.keys.tools) this.registry.removeTool(name);
    for (const key of this.keys.resources) this.registry.removeResource(key);
    for (const name of this.keys.prompts) this.registry.removePrompt(name);
    this.keys.tools.clear();
    this.keys.resources.clear();
    this.keys.prompts.clear();
  }

  private async forward<T>(ctx: McpContext, request: (client: Client) => Promise<T>): Promise<T> {
    const client = this.connection.require();
    try {
      return await this.connection.router.run(ctx, () => request(client));
    } catch (error) {
      // The client's own failures (connection closed, timeout) say nothing of which server:
      // name the mount. Errors the mounted server answered with pass through as they are.
      this.connection.checkSession(error);
      if (this.connection.isClientFailure(error)) throw new McpUserError(`Mounted server "${this.ns.label}" failed: ${error.message}`);
      throw error;
    }
  }

  private addTool(tool: Tool): void {
    const name = this.ns.name(tool.name);
    this.registry.registerTool({
      key: name,
      source: this.source,
      handler: this.handler,
      enabled: true,
      // The mounted server validates the arguments against its own schema.
      descriptor: { ...tool, name },
      invoke: this.invoker((args, ctx) =>
        this.forward(ctx, async (client) => {
          // Progress sent before the result must reach the client before it: wait for every send.
          const sending: Array<Promise<void>> = [];
          const result = await client.callTool(
            { name: tool.name, arguments: args as Record<string, unknown> },
            { signal: ctx.signal, onprogress: (p) => void sending.push(ctx.reportProgress(p.progress, p.total, p.message)), resetTimeoutOnProgress: true, toolDefinition: tool },
          );
          await Promise.allSettled(sending);
          return result;
        }),
      ),
    });
    this.keys.tools.add(name);
  }

  private addResource(resource: Resource): void {
    const uri = this.ns.uri(resource.uri);
    this.registry.registerResource({
      key: uri,
      source: this.source,
      handler: this.handler,
      enabled: true,
      descriptor: { ...resource, uri },
      invoke: this.invoker((_args, ctx) => this.read(ctx, resource.uri)),
    });
    this.keys.resources.add(uri);
  }

  private addTemplate(template: ResourceTemplateDescriptor): void {
    const name = this.ns.name(template.name);
    const original = new UriTemplate(template.uriTemplate);
    const uriTemplate = this.ns.uri(template.uriTemplate);
    this.registry.registerResourceTemplate({
      key: name,
      source: this.source,
      handler: this.handler,
      enabled: true,
      matcher: new UriTemplate(uriTemplate),
      descriptor: { ...template, name, uriTemplate },
      invoke: this.invoker((variables, ctx) => this.read(ctx, original.expand(variables as Record<string, string | string[]>))),
    });
    this.keys.resources.add(name);
  }

  private async read(ctx: McpContext, uri: string) {
    const result = await this.forward(ctx, (client) => client.readResource({ uri }, { signal: ctx.signal, cacheMode: 'bypass' }));
    return { ...result, contents: result.contents.map((contents) => ({ ...contents, uri: this.ns.uri(contents.uri) })) };
  }

  private addPrompt(prompt: Prompt): void {
    const name = this.ns.name(prompt.name);
    this.registry.registerPrompt({
      key: name,
      source: this.source,
      handler: this.handler,
      enabled: true,
      descriptor: { ...prompt, name },
      invoke: this.invoker((args, ctx) => this.forward(ctx, (client) => client.getPrompt({ name: prompt.name, arguments: args as Record<string, string> }, { signal: ctx.signal }))),
    });
    this.keys.prompts.add(name);
  }
}
