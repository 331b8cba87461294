import { Inject, Injectable } from '@nestjs/common';
import { LATEST_PROTOCOL_VERSION, mergeCapabilities, SUPPORTED_PROTOCOL_VERSIONS, type Implementation, type InitializeResult, type McpServer, type ServerCapabilities, type ServerContext, type ServerOptions } from '@modelcontextprotocol/server';
import { McpEvents } from '../events/mcp-events.js';
import { McpRegistry } from '../registry/mcp-registry.js';
import { RegistryMcpServer } from './registry-mcp-server.js';
import type { McpServeScope } from '../common/mcp-serve-scope.js';
import { McpRequestStateCodec } from '../execution/request-state.codec.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpTasksInstaller } from '../tasks/mcp-tasks.installer.js';
import { TaskAwareServer } from './mcp-sdk.server.js';
import { CompletionHandler } from './handlers/completion.handler.js';
import { PromptsHandler } from './handlers/prompts.handler.js';
import { ResourcesHandler } from './handlers/resources.handler.js';
import { ToolsHandler } from './handlers/tools.handler.js';

/** The revisions a session negotiates at `initialize` (the SDK's list, 2026-07-28 has no handshake). */
const LEGACY_VERSIONS = SUPPORTED_PROTOCOL_VERSIONS.filter((version) => version < '2026-07-28');

/**
 * Creates the SDK `Server` for one legacy session or one 2026-07-28 request. Every server
 * delegates to the same handlers over the same registry, so a new session costs a `Server`
 * and a few closures: no provider walk, no schema conversion.
 */
@Injectable()
export class McpServerFactory {
  private readonly info: Implementation;
  private sessionCapabilities?: ServerCapabilities;
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

  /** A server for one legacy session or one 2026-07-28 request; its low-level `server` carries our handlers. */
  create({ era, transport }: Pick<McpServeScope, 'era' | 'transport'>): McpServer {
    const server = new TaskAwareServer(this.info, this.serverOptions);
    const product = new RegistryMcpServer(this.info, this.serverOptions, server, this.inputSchemaOf);
    const scope: McpServeScope = { era, transport, server };
    server.setRequestHandler('tools/list', (request, ctx) => this.tools.list(request, ctx));
    // Plain calls of the direct paths skip the SDK's general dispatch (see `TaskAwareServer.dispatchRequest`).
    server.setToolCallHandler((request, ctx) => this.tools.call(request, ctx, scope));
    server.setRequestHandler('resources/list', (request, ctx) => this.resources.list(request, ctx));
    server.setRequestHandler('resources/templates/list', (request, ctx) => this.resources.listTemplates(request, ctx));
    server.setRequestHandler('resources/read', (request, ctx) => this.resources.read(request, ctx, scope));
    if (era === 'legacy') {
      server.setNotificationHandler('notifications/roots/list_changed', () => this.events.emit('roots.changed', { sessionId: server.transport?.sessionId }));
      // 2025-era subscriptions live on the session; 2026-07-28 uses `subscriptions/listen`, served by the SDK entry.
      server.setRequestHandler('resources/subscribe', (request, ctx) => this.resources.subscribe(request, ctx, scope));
      server.setRequestHandler('resources/unsubscribe', (request, ctx) => this.resources.unsubscribe(request, ctx));
    }
    server.setRequestHandler('prompts/list', (request, ctx) => this.prompts.list(request, ctx));
    server.setRequestHandler('prompts/get', (request, ctx) => this.prompts.get(request, ctx, scope));
    server.setRequestHandler('completion/complete', (request, ctx) => this.completion.complete(request, ctx, scope));
    this.tasks.install(server, scope);
    return product;
  }

  /**
   * The server of one plain 2026-07-28 `tools/call` on the direct path: what {@link create}
   * makes for that era, with only `tools/call` registered (the exchange carries nothing else)
   * and no `McpServer` around it (the SDK entry needs one for SEP-2243 header checks; the direct
   * path takes no tool that declares header-bound parameters).
   */
  createToolCallServer(): TaskAwareServer {
    // The capabilities a full server of the era ends up with, merged once.
    this.toolCallServerOptions ??= { ...this.serverOptions, capabilities: mergeCapabilities(this.capabilities, this.tasks.capabilities('modern')) };
    const server = new TaskAwareServer(this.info, this.toolCallServerOptions);
    const scope: McpServeScope = { era: 'modern', transport: 'streamable-http', server };
    server.setToolCallHandler((request, ctx) => this.tools.call(request, ctx, scope));
    return server;
  }

  /** The input schema `tools/list` shows for a tool, if it is there and enabled. */
  toolInputSchema(toolName: string): Record<string, unknown> | undefined {
    return this.inputSchemaOf(toolName);
  }

  /**
   * What a session server answers to `initialize` for this requested revision, as the SDK's
   * `Server` builds it: the same version negotiation, and the capabilities of a server this
   * factory made (read once).
   */
  initializeResult(requestedVersion: string): InitializeResult {
    const protocolVersion = LEGACY_VERSIONS.includes(requestedVersion) ? requestedVersion : (LEGACY_VERSIONS[0] ?? LATEST_PROTOCOL_VERSION);
    this.sessionCapabilities ??= this.create({ era: 'legacy', transport: 'streamable-http' }).server.getCapabilities();
    const { instructions } = this.options;
    return { protocolVersion, capabilities: this.sessionCapabilities, serverInfo: this.info, ...(instructions && { instructions }) };
  }

  private readonly inputSchemaOf = (toolName: string) => {
    const tool = this.registry.tools.get(toolName);
    return tool?.enabled ? (tool.descriptor.inputSchema as Record<string, unknown>) : undefined;
  };
}
