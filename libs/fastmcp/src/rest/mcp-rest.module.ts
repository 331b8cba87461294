import type { ServerResponse } from 'node:http';
import { HttpException, Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule, type Type } from '@nestjs/common';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { McpEndpointGuards } from '../http/mcp-endpoint-guards.js';
import { createRestController, mapRestRoutes, REST_ROUTES, restRouteOf } from './mcp-rest.controller.js';
import { McpRestDispatcher } from './mcp-rest.dispatcher.js';
import {
  MCP_REST_ASYNC_OPTIONS_TYPE,
  MCP_REST_MODULE_OPTIONS,
  MCP_REST_OPTIONS,
  MCP_REST_OPTIONS_TYPE,
  McpRestConfigurableModule,
  resolveRestOptions,
  type ResolvedRestOptions,
} from './mcp-rest.module-definition.js';
import { McpRestService } from './mcp-rest.service.js';
import { problemOfHttpException } from './problem/answer.problem.js';
import { McpRestDocs } from './openapi/mcp-rest.docs.js';
import { McpOpenApiDocumentFactory } from './openapi/openapi-document.factory.js';
import { McpRestSessions } from './sessions/mcp-rest-sessions.js';
import { McpRouteToolsModule } from './routes/mcp-route-tools.module.js';

const CONTROLLER = Symbol('MCP_REST_CONTROLLER');
const ROUTES = Symbol('MCP_REST_ROUTES');

/**
 * The MCP server's tools, resources and prompts over REST, for clients that do not speak MCP:
 * the same registry, access rules and Nest pipeline as MCP calls, RFC 9457 errors, and an
 * OpenAPI 3.1 document with one operation per tool. Import it next to `McpModule`:
 *
 * ```ts
 * McpRestModule.forRoot({ prefix: 'api' })
 * ```
 */
@Module({})
/** @publicApi */
export class McpRestModule extends McpRestConfigurableModule implements NestModule {
  constructor(
    @Inject(MCP_REST_OPTIONS) private readonly options: ResolvedRestOptions,
    @Inject(CONTROLLER) private readonly controller: Type,
    private readonly guards: McpEndpointGuards,
    private readonly service: McpRestService,
  ) {
    super();
  }

  static override forRoot(options: typeof MCP_REST_OPTIONS_TYPE = {}): DynamicModule {
    return withRoutes(super.forRoot(options));
  }

  static override forRootAsync(options: typeof MCP_REST_ASYNC_OPTIONS_TYPE): DynamicModule {
    return withRoutes(super.forRootAsync(options));
  }

  /**
   * The endpoint's guards (`guards` option of `McpModule`) protect the REST routes as they
   * protect the MCP ones, ahead of every route guard (so global guards see `req.user`); a refusal
   * is answered as a problem (`401` keeps the guard's `WWW-Authenticate`).
   */
  configure(consumer: MiddlewareConsumer): void {
    if (!this.guards.configured) return;
    const routes = REST_ROUTES.map(([method, path]) => ({ path: `${this.options.prefix}/${path}`, method: RequestMethod[method] }));
    const handlerOf = restRouteOf(this.options.prefix);
    const prototype = this.controller.prototype as Record<string, Function>;
    consumer
      .apply((req: McpHttpRequest, res: ServerResponse, next: (error?: unknown) => void) => {
        this.guards.check(req, res, this.controller, prototype[handlerOf(req)]!).then(
          () => next(),
          (error: unknown) => (error instanceof HttpException ? this.service.refuse(req, res, problemOfHttpException(error)) : next(error)),
        );
      })
      .forRoutes(...routes);
  }
}

function withRoutes(definition: DynamicModule): DynamicModule {
  const controller = createRestController();
  return {
    ...definition,
    imports: [...(definition.imports ?? []), McpRouteToolsModule],
    controllers: [controller],
    providers: [
      ...(definition.providers ?? []),
      { provide: MCP_REST_OPTIONS, useFactory: resolveRestOptions, inject: [MCP_REST_MODULE_OPTIONS] },
      { provide: CONTROLLER, useValue: controller },
      { provide: ROUTES, useFactory: (options: ResolvedRestOptions) => mapRestRoutes(controller, options), inject: [MCP_REST_OPTIONS] },
      McpRestDispatcher,
      McpRestService,
      McpOpenApiDocumentFactory,
      McpRestDocs,
      McpRestSessions,
    ],
  };
}
