import { Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { McpLogRedactor } from './redaction/log-redactor.js';
import { McpAccessAudit } from './access/mcp-access.audit.js';
import { McpAccessGate } from './access/mcp-access.gate.js';
import { McpAccessPolicy } from './interfaces/mcp-access-policy.interface.js';
import { McpDeclarativeAccessPolicy } from './access/mcp-declarative-access.policy.js';
import { McpExplorer } from './discovery/mcp.explorer.js';
import { McpEvents } from './events/mcp-events.js';
import { McpMetadataAccessor } from './discovery/mcp-metadata.accessor.js';
import { McpContextFactory } from './execution/mcp-context.factory.js';
import { McpErrorMapper } from './execution/mcp-error.mapper.js';
import { McpCallGuards } from './execution/mcp-call-guards.js';
import { McpHandlerFactory } from './execution/mcp-handler.factory.js';
import { McpRequestStateCodec } from './execution/request-state.codec.js';
import { MCP_ASYNC_OPTIONS_TYPE, MCP_MODULE_OPTIONS, MCP_OPTIONS_TYPE, McpConfigurableModule } from './mcp.module-definition.js';
import { MCP_OPTIONS, resolveMcpOptions, type ResolvedMcpOptions } from './options/mcp-options.js';
import { defaultEventBusProvider, MCP_EVENT_BUS } from './notifications/mcp-event-bus.provider.js';
import { McpListenAccess } from './notifications/mcp-listen-access.js';
import { McpNotifier } from './notifications/mcp-notifier.js';
import { McpRegistry } from './registry/mcp-registry.js';
import { defaultEventStoreProvider, MCP_EVENT_STORE } from './sessions/mcp-event-store.provider.js';
import { CompletionHandler } from './server/handlers/completion.handler.js';
import { PromptsHandler } from './server/handlers/prompts.handler.js';
import { ResourcesHandler } from './server/handlers/resources.handler.js';
import { ToolsHandler } from './server/handlers/tools.handler.js';
import { McpServerFactory } from './server/mcp-server.factory.js';
import { McpSessionManager } from './sessions/mcp-session-manager.js';
import { ExpressFrontDoor } from './accel/http/express-front-door.js';
import { McpBodyErrorHandler } from './http/mcp-body-error.handler.js';
import { McpEndpointGuards, MCP_HTTP_CONTROLLER } from './http/mcp-endpoint-guards.js';
import { McpEndpointGuardsMiddleware } from './http/mcp-endpoint-guards.middleware.js';
import { McpHttpEndpoint } from './http/mcp-http.endpoint.js';
import { createMcpHttpController, mapMcpRoutes } from './http/mcp-http.controller.js';
import { SseAdapter } from './transports/sse/sse.adapter.js';
import { StdioAdapter } from './transports/stdio/stdio.adapter.js';
import { StreamableHttpAdapter } from './transports/streamable-http/streamable-http.adapter.js';
import { StreamableHttpSessions } from './transports/streamable-http/streamable-http-sessions.js';
import { MCP_TASK_PROVIDERS } from './tasks/index.js';
import { MCP_TASK_STORE } from './interfaces/mcp-task-store.interface.js';

const MCP_ROUTES = Symbol('MCP_ROUTES');

@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: MCP_OPTIONS, useFactory: resolveMcpOptions, inject: [MCP_MODULE_OPTIONS] },
    { provide: McpErrorMapper, useFactory: (options: ResolvedMcpOptions) => new McpErrorMapper(options.maskErrors), inject: [MCP_OPTIONS] },
    { provide: McpAccessPolicy, useFactory: (options: ResolvedMcpOptions) => options.accessPolicy ?? new McpDeclarativeAccessPolicy(), inject: [MCP_OPTIONS] },
    { provide: McpLogRedactor, useFactory: (options: ResolvedMcpOptions) => new McpLogRedactor(options.redactFields), inject: [MCP_OPTIONS] },
    McpAccessGate,
    McpAccessAudit,
    McpMetadataAccessor,
    McpExplorer,
    McpCallGuards,
    McpHandlerFactory,
    McpRegistry,
    McpEvents,
    defaultEventBusProvider,
    defaultEventStoreProvider,
    McpNotifier,
    McpListenAccess,
    McpContextFactory,
    McpRequestStateCodec,
    ToolsHandler,
    ResourcesHandler,
    PromptsHandler,
    CompletionHandler,
    McpServerFactory,
    McpSessionManager,
    StreamableHttpAdapter,
    StreamableHttpSessions,
    SseAdapter,
    StdioAdapter,
    McpBodyErrorHandler,
    McpHttpEndpoint,
    McpEndpointGuards,
    McpEndpointGuardsMiddleware,
    ExpressFrontDoor,
    ...MCP_TASK_PROVIDERS,
  ],
  exports: [McpRegistry, McpSessionManager, McpEvents, McpNotifier, MCP_EVENT_BUS, MCP_EVENT_STORE, MCP_TASK_STORE, McpAccessPolicy, McpAccessAudit],
})
export class McpModule extends McpConfigurableModule implements NestModule {
  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly endpointGuards: McpEndpointGuards,
  ) {
    super();
  }

  /** The endpoint's guards (`guards` option) run ahead of the MCP routes, before the app's global guards. */
  configure(consumer: MiddlewareConsumer): void {
    if (!this.endpointGuards.configured) return;
    const { path, ssePath, sseMessagesPath, transports } = this.options;
    const routes = [
      ...(transports.has('streamable-http')
        ? [{ path, method: RequestMethod.POST }, { path, method: RequestMethod.GET }, { path, method: RequestMethod.DELETE }]
        : []),
      ...(transports.has('sse') ? [{ path: ssePath, method: RequestMethod.GET }, { path: sseMessagesPath, method: RequestMethod.POST }] : []),
    ];
    if (routes.length > 0) consumer.apply(McpEndpointGuardsMiddleware).forRoutes(...routes);
  }

  static override forRoot(options: typeof MCP_OPTIONS_TYPE): DynamicModule {
    return McpModule.withHttpRoutes(super.forRoot(options));
  }

  static override forRootAsync(options: typeof MCP_ASYNC_OPTIONS_TYPE): DynamicModule {
    return McpModule.withHttpRoutes(super.forRootAsync(options));
  }

  private static withHttpRoutes(module: DynamicModule): DynamicModule {
    const controller = createMcpHttpController();
    return {
      ...module,
      controllers: [...(module.controllers ?? []), controller],
      providers: [
        ...(module.providers ?? []),
        { provide: MCP_HTTP_CONTROLLER, useValue: controller },
        { provide: MCP_ROUTES, useFactory: (options: ResolvedMcpOptions) => mapMcpRoutes(controller, options), inject: [MCP_OPTIONS] },
      ],
    };
  }
}
