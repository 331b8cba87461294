import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule, ModuleRef } from '@nestjs/core';
import { McpLogRedactor } from './auth/hardening/log-redactor.js';
import { McpAccessGate } from './auth/mcp-access.gate.js';
import { McpAccessPolicy } from './auth/mcp-access.policy.js';
import { McpDeclarativeAccessPolicy } from './auth/mcp-declarative-access.policy.js';
import { McpExplorer } from './discovery/mcp.explorer.js';
import { McpEvents } from './events/mcp-events.js';
import { McpMetadataAccessor } from './discovery/mcp-metadata.accessor.js';
import { McpContextFactory } from './execution/mcp-context.factory.js';
import { McpErrorMapper } from './execution/mcp-error.mapper.js';
import { McpCallGuards } from './execution/mcp-call-guards.js';
import { McpHandlerFactory } from './execution/mcp-handler.factory.js';
import { McpRequestStateCodec } from './execution/request-state.codec.js';
import {
  MCP_ASYNC_OPTIONS_TYPE,
  MCP_MODULE_OPTIONS,
  MCP_OPTIONS,
  MCP_OPTIONS_TYPE,
  McpConfigurableModule,
  resolveMcpOptions,
  type ResolvedMcpOptions,
} from './mcp.module-definition.js';
import { defaultEventBusProvider, MCP_EVENT_BUS } from './notifications/mcp-event-bus.provider.js';
import { McpNotifier } from './notifications/mcp-notifier.js';
import { McpRegistry } from './registry/mcp-registry.js';
import { defaultEventStoreProvider, MCP_EVENT_STORE } from './resumability/mcp-event-store.provider.js';
import { CompletionHandler } from './server/handlers/completion.handler.js';
import { PromptsHandler } from './server/handlers/prompts.handler.js';
import { ResourcesHandler } from './server/handlers/resources.handler.js';
import { ToolsHandler } from './server/handlers/tools.handler.js';
import { McpServerFactory } from './server/mcp-server.factory.js';
import { McpSessionManager } from './server/mcp-session-manager.js';
import { ExpressFrontDoor } from './transports/express-front-door.js';
import { McpBodyErrorHandler } from './transports/mcp-body-error.handler.js';
import { McpHttpEndpoint } from './transports/mcp-http.endpoint.js';
import { createMcpHttpController, mapMcpRoutes } from './transports/mcp-http.controller.js';
import { SseAdapter } from './transports/sse.adapter.js';
import { StdioAdapter } from './transports/stdio.adapter.js';
import { StreamableHttpAdapter } from './transports/streamable-http.adapter.js';
import { StreamableHttpSessions } from './transports/streamable-http-sessions.js';
import { MCP_TASK_PROVIDERS } from './tasks/index.js';
import { MCP_TASK_STORE } from './tasks/mcp-task-store.js';

const MCP_ROUTES = Symbol('MCP_ROUTES');

@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: MCP_OPTIONS, useFactory: resolveMcpOptions, inject: [MCP_MODULE_OPTIONS] },
    { provide: McpErrorMapper, useFactory: (options: ResolvedMcpOptions) => new McpErrorMapper(options.maskErrors), inject: [MCP_OPTIONS] },
    { provide: McpAccessPolicy, useFactory: (options: ResolvedMcpOptions) => options.accessPolicy ?? new McpDeclarativeAccessPolicy(), inject: [MCP_OPTIONS] },
    { provide: McpLogRedactor, useFactory: (options: ResolvedMcpOptions) => new McpLogRedactor(options.redactFields), inject: [MCP_OPTIONS] },
    McpAccessGate,
    McpMetadataAccessor,
    McpExplorer,
    McpCallGuards,
    McpHandlerFactory,
    McpRegistry,
    McpEvents,
    defaultEventBusProvider,
    defaultEventStoreProvider,
    McpNotifier,
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
    ExpressFrontDoor,
    ...MCP_TASK_PROVIDERS,
  ],
  exports: [McpRegistry, McpSessionManager, McpEvents, McpNotifier, MCP_EVENT_BUS, MCP_EVENT_STORE, MCP_TASK_STORE, McpAccessPolicy],
})
export class McpModule extends McpConfigurableModule {
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
        {
          provide: MCP_ROUTES,
          useFactory: (options: ResolvedMcpOptions, moduleRef: ModuleRef) => mapMcpRoutes(controller, options, moduleRef),
          inject: [MCP_OPTIONS, ModuleRef],
        },
      ],
    };
  }
}
