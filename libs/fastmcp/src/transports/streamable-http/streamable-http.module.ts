import { Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule, type Type } from '@nestjs/common';
import { McpEndpointGuards } from '../../http/mcp-endpoint-guards.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { StreamableHttpAdapter } from './streamable-http.adapter.js';
import { createStreamableHttpController, mapStreamableHttpRoutes, streamableHttpRouteOf } from './streamable-http.controller.js';
import { StreamableHttpEndpoint } from './streamable-http.endpoint.js';
import { StreamableHttpSessions } from './streamable-http-sessions.js';

const CONTROLLER = Symbol('MCP_STREAMABLE_HTTP_CONTROLLER');
const ROUTES = Symbol('MCP_STREAMABLE_HTTP_ROUTES');

/** Streamable HTTP (both eras on one endpoint): its route, sessions and SDK entry. */
@Module({})
export class McpStreamableHttpModule implements NestModule {
  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    @Inject(CONTROLLER) private readonly controller: Type,
    private readonly guards: McpEndpointGuards,
  ) {}

  static register(): DynamicModule {
    const controller = createStreamableHttpController();
    return {
      module: McpStreamableHttpModule,
      global: true,
      controllers: [controller],
      providers: [
        StreamableHttpSessions,
        StreamableHttpAdapter,
        StreamableHttpEndpoint,
        { provide: CONTROLLER, useValue: controller },
        { provide: ROUTES, useFactory: (options: ResolvedMcpOptions) => mapStreamableHttpRoutes(controller, options), inject: [MCP_OPTIONS] },
      ],
      exports: [StreamableHttpEndpoint],
    };
  }

  /** The endpoint's guards (`guards` option) run ahead of the route, before the app's global guards. */
  configure(consumer: MiddlewareConsumer): void {
    if (!this.guards.configured || !this.options.transports.has('streamable-http')) return;
    const path = this.options.path;
    this.guards.guardRoutes(
      consumer,
      [{ path, method: RequestMethod.POST }, { path, method: RequestMethod.GET }, { path, method: RequestMethod.DELETE }],
      this.controller,
      streamableHttpRouteOf,
    );
  }
}
