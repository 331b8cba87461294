import { Inject, Injectable } from '@nestjs/common';
import { mergeCapabilities, type Implementation, type McpServer, type ServerCapabilities, type ServerContext, type ServerOptions } from '@modelcontextprotocol/server';
import { McpEvents } from '../events/mcp-events.js';
import { McpRegistry } from '../registry/mcp-registry.js';
import { RegistryMcpServer } from './registry-mcp-server.js';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { McpRequestObservers, type McpObservableHandler } from '../execution/mcp-request-observers.js';
import { McpRequestStateCodec } from '../execution/request-state.codec.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpTasksInstaller } from '../tasks/mcp-tasks.installer.js';
import { McpSdkServer, type McpFixedConnection } from './mcp-sdk.server.js';
import { CompletionHandler } from './handlers/completion.handler.js';
import { PromptsHandler } from './handlers/prompts.handler.js';
import { ResourcesHandler } from './handlers/resources.handler.js';
import { ToolsHandler } from './handlers/tools.handler.js';

/**
 * Creates the SDK `Server` for one legacy session or one 2026-07-28 request. Every server
 * delegates to the same handlers over the same registry, so a new session costs a `Server`
 * and a few closures: no provider walk, no schema conversion.
 */
@Injectable()
export class McpServerFactory {
  private readonly info: Implementation;
  private readonly capabilities: ServerCapabilities = {
    tools: { listChanged: true },
    resources: { subscribe: true, listChanged: true },
    prompts: { listChanged: true },
    logging: {},
    completions: {},
  };

  private readonly serverOptions: ServerOptions;
  private toolCallServerOptions?: ServerOptions;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly tools: ToolsHandler,
    private readonly resources: ResourcesHandler,
    private readonly prompts: PromptsHandler,
    private readonly completion: CompletionHandler,
    private readonly stateCodec: McpRequestStateCodec,
    private readonly registry: McpRegistry,
    private readonly events: McpEvents,
    private readonly tasks: McpTasksInstaller,
    private readonly observers: McpRequestObservers,
  ) {
    const { name, version, title, description, icons, websiteUrl } = options;
    this.info = Object.fromEntries(
      Object.entries({ name, version, title, description, icons, websiteUrl }).filter(([, v]) => v !== undefined),
    ) as Implementation;
    this.serverOptions = {
      capabilities: this.capabilities,
      instructions: options.instructions,
      cacheHints: options.cacheHints,
      // Verified before any handler runs; handlers read the decoded answers (see ClientRequests).
      requestState: { verify: (state: string, ctx: ServerContext) => this.stateCodec.codec.verify(state, ctx) },
    };
  }

  /**
   * A server for one legacy session or one 2026-07-28 request; its low-level `server` carries our
   * handlers. `connection` fixes the exchange (and session id) of every message, for a
   * connection that has no HTTP request per message (the testing kit's).
   */
  create({ era, transport, connection }: Pick<McpServeScope, 'era' | 'transport'> & { connection?: McpFixedConnection }): McpServer {
    const server = new McpSdkServer(this.info, this.serverOptions, connection);
    this.countNotifications(server);
    const product = new RegistryMcpServer(this.info, this.serverOptions, server, this.inputSchemaOf);
    const scope: McpServeScope = { era, transport, server };
    const observed = <H extends McpObservableHandler>(handler: H) => this.observers.wrap(scope, handler);
    server.setRequestHandler('tools/list', observed((request, ctx) => this.tools.list(request, ctx)));
    // Registered apart: a plain call may be served without the SDK's general dispatch (`toolCallHandler`).
    server.setToolCallHandler(observed((request, ctx) => this.tools.call(request, ctx, scope)));
    server.setRequestHandler('resources/list', observed((request, ctx) => this.resources.list(request, ctx)));
    server.setRequestHandler('resources/templates/list', observed((request, ctx) => this.resources.listTemplates(request, ctx)));
    server.setRequestHandler('resources/read', observed((request, ctx) => this.resources.read(request, ctx, scope)));
    if (era === 'legacy') {
      server.setNotificationHandler('notifications/roots/list_changed', () => this.events.emit('roots.changed', { sessionId: server.transport?.sessionId }));
      // 2025-era subscriptions live on the session; 2026-07-28 uses `subscriptions/listen`, served by the SDK entry.
      server.setRequestHandler('resources/subscribe', observed((request, ctx) => this.resources.subscribe(request, ctx, scope)));
      server.setRequestHandler('resources/unsubscribe', observed((request, ctx) => this.resources.unsubscribe(request, ctx)));
    }
    server.setRequestHandler('prompts/list', observed((request, ctx) => this.prompts.list(request, ctx)));
    server.setRequestHandler('prompts/get', observed((request, ctx) => this.prompts.get(request, ctx, scope)));
    server.setRequestHandler('completion/complete', observed((request, ctx) => this.completion.complete(request, ctx, scope)));
    this.tasks.install(server, scope);
    return product;
  }

  /**
   * A 2026-07-28 server for one `tools/call` and nothing else: what {@link create} makes for that
   * era (same capabilities), with only `tools/call` registered and no `McpServer` around it (the
   * SDK entry needs one only for SEP-2243 header checks, of tools that declare header-bound
   * parameters).
   */
  createToolCallServer(): McpSdkServer {
    // The capabilities a full server of the era ends up with, merged once.
    this.toolCallServerOptions ??= { ...this.serverOptions, capabilities: mergeCapabilities(this.capabilities, this.tasks.capabilities('modern')) };
    const server = new McpSdkServer(this.info, this.toolCallServerOptions);
    this.countNotifications(server);
    const scope: McpServeScope = { era: 'modern', transport: 'streamable-http', server };
    server.setToolCallHandler(this.observers.wrap(scope, (request, ctx) => this.tools.call(request, ctx, scope)));
    return server;
  }

  /** Reports the server's notifications as `notification.sent` events, when anyone listens (no cost otherwise). */
  private countNotifications(server: McpSdkServer): void {
    if (!this.events.has('notification.sent')) return;
    server.notificationSent = (method) => this.events.emit('notification.sent', { sessionId: server.transport?.sessionId, method });
  }

  /** How servers of this app present themselves at `initialize` / `server/discover`. */
  identity(): { serverInfo: Implementation; instructions?: string } {
    return { serverInfo: this.info, instructions: this.options.instructions };
  }

  private readonly inputSchemaOf = (toolName: string) => {
    const tool = this.registry.tools.get(toolName);
    return tool?.enabled ? (tool.descriptor.inputSchema as Record<string, unknown>) : undefined;
  };
}
