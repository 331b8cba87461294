import { Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule, type Type } from '@nestjs/common';
import { McpEndpointGuards } from '../../http/mcp-endpoint-guards.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { createSseController, mapSseRoutes, sseRouteOf } from './sse.controller.js';
import { SseAdapter } from './sse.adapter.js';

const CONTROLLER = Symbol('MCP_SSE_CONTROLLER');
const ROUTES = Symbol('MCP_SSE_ROUTES');

/** The legacy HTTP+SSE transport (2024-11-05): its routes and streams. */
@Module({})
export class McpSseModule implements NestModule {
  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    @Inject(CONTROLLER) private readonly controller: Type,
    private readonly guards: McpEndpointGuards,
  ) {}

  static register(): DynamicModule {
    const controller = createSseController();
    return {
      module: McpSseModule,
      controllers: [controller],
      providers: [
        SseAdapter,
        { provide: CONTROLLER, useValue: controller },
        { provide: ROUTES, useFactory: (options: ResolvedMcpOptions) => mapSseRoutes(controller, options), inject: [MCP_OPTIONS] },
      ],
    };
  }

  /** The endpoint's guards (`guards` option) run ahead of the routes, before the app's global guards. */
  configure(consumer: MiddlewareConsumer): void {
    if (!this.guards.configured || !this.options.transports.has('sse')) return;
    this.guards.guardRoutes(
      consumer,
      [{ path: this.options.ssePath, method: RequestMethod.GET }, { path: this.options.sseMessagesPath, method: RequestMethod.POST }],
      this.controller,
      sseRouteOf,
    );
  }
}
