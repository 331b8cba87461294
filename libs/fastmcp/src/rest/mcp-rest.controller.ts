import type { ServerResponse } from 'node:http';
import { Controller, Delete, Get, Headers, Inject, Param, Post, Query, Req, Res, type Type } from '@nestjs/common';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { readJsonBody } from '../http/json-body.reader.js';
import { McpHttpPlatformHost } from '../http/platform/mcp-http-platform.host.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { McpRestDocs } from './openapi/mcp-rest.docs.js';
import { McpRestService } from './mcp-rest.service.js';
import type { ResolvedRestOptions } from './mcp-rest.module-definition.js';
import { problem } from './problem/problem-details.js';

/** Each route: its method, its path under the prefix, and the controller method serving it. */
export const REST_ROUTES = [
  ['GET', 'server', 'server'],
  ['GET', 'tools', 'listTools'],
  ['POST', 'tools/:name/call', 'callTool'],
  ['GET', 'resources', 'listResources'],
  ['GET', 'resource-templates', 'listResourceTemplates'],
  ['GET', 'resources/read', 'readResource'],
  ['GET', 'prompts', 'listPrompts'],
  ['GET', 'prompts/:name', 'getPrompt'],
  ['POST', 'prompts/:name', 'postPrompt'],
  ['POST', 'complete', 'complete'],
  ['POST', 'sessions', 'openSession'],
  ['DELETE', 'sessions/:id', 'closeSession'],
  ['POST', 'sessions/:id/logging-level', 'setLogLevel'],
  ['GET', 'events', 'events'],
  ['GET', 'openapi.json', 'openApi'],
  ['GET', 'docs', 'docsPage'],
  ['GET', 'docs/:file', 'docsAsset'],
] as const;

/**
 * The REST routes as a Nest controller, so the app's global guards, interceptors and middleware
 * see them like any other route. A fresh class per module registration: its paths come from
 * options that `forRootAsync` only knows once providers resolve (see `mapRestRoutes`).
 */
export function createRestController(): Type {
  @Controller()
  class McpRestController {
    constructor(
      private readonly rest: McpRestService,
      private readonly docs: McpRestDocs,
      private readonly platforms: McpHttpPlatformHost,
      @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    ) {}

    server(@Req() request: unknown, @Res() response: unknown) {
      this.rest.server(this.take(request, response).res);
    }

    listTools(@Req() request: unknown, @Res() response: unknown, @Query('cursor') cursor: unknown) {
      const { req, res } = this.take(request, response);
      return this.rest.list(req, res, 'tools/list', cursor);
    }

    async callTool(
      @Req() request: unknown,
      @Res() response: unknown,
      @Param('name') name: string,
      @Headers('mcp-rest-session') sessionHeader: string | undefined,
      @Query('session') sessionQuery: unknown,
      @Query('progress') progress: unknown,
    ) {
      const { req, res } = this.take(request, response);
      const body = await this.body(req, res);
      const sessionId = sessionHeader ?? (typeof sessionQuery === 'string' ? sessionQuery : undefined);
      if (body !== BODY_REFUSED) return this.rest.callTool(req, res, name, body, { sessionId, progress: progress === 'true' || progress === '' });
    }

    openSession(@Req() request: unknown, @Res() response: unknown) {
      const { req, res } = this.take(request, response);
      this.rest.openSession(req, res);
    }

    closeSession(@Req() request: unknown, @Res() response: unknown, @Param('id') id: string) {
      const { req, res } = this.take(request, response);
      this.rest.closeSession(req, res, id);
    }

    async setLogLevel(@Req() request: unknown, @Res() response: unknown, @Param('id') id: string) {
      const { req, res } = this.take(request, response);
      const body = await this.body(req, res);
      if (body !== BODY_REFUSED) this.rest.setLogLevel(req, res, id, body);
    }

    events(@Req() request: unknown, @Res() response: unknown, @Query('session') session: unknown) {
      const { req, res } = this.take(request, response);
      this.rest.events(req, res, session);
    }

    listResources(@Req() request: unknown, @Res() response: unknown, @Query('cursor') cursor: unknown) {
      const { req, res } = this.take(request, response);
      return this.rest.list(req, res, 'resources/list', cursor);
    }

    listResourceTemplates(@Req() request: unknown, @Res() response: unknown, @Query('cursor') cursor: unknown) {
      const { req, res } = this.take(request, response);
      return this.rest.list(req, res, 'resources/templates/list', cursor);
    }

    readResource(@Req() request: unknown, @Res() response: unknown, @Query('uri') uri: unknown) {
      const { req, res } = this.take(request, response);
      return this.rest.readResource(req, res, uri);
    }

    listPrompts(@Req() request: unknown, @Res() response: unknown, @Query('cursor') cursor: unknown) {
      const { req, res } = this.take(request, response);
      return this.rest.list(req, res, 'prompts/list', cursor);
    }

    getPrompt(@Req() request: unknown, @Res() response: unknown, @Param('name') name: string, @Query() query: Record<string, unknown>) {
      const { req, res } = this.take(request, response);
      return this.rest.getPrompt(req, res, name, query);
    }

    async postPrompt(@Req() request: unknown, @Res() response: unknown, @Param('name') name: string) {
      const { req, res } = this.take(request, response);
      const body = await this.body(req, res);
      if (body !== BODY_REFUSED) return this.rest.getPrompt(req, res, name, body);
    }

    async complete(@Req() request: unknown, @Res() response: unknown) {
      const { req, res } = this.take(request, response);
      const body = await this.body(req, res);
      if (body !== BODY_REFUSED) return this.rest.complete(req, res, body);
    }

    openApi(@Req() request: unknown, @Res() response: unknown) {
      const { req, res } = this.take(request, response);
      return this.docs.document(req, res);
    }

    docsPage(@Req() request: unknown, @Res() response: unknown) {
      const { req, res } = this.take(request, response);
      return this.docs.page(req, res);
    }

    docsAsset(@Req() request: unknown, @Res() response: unknown, @Param('file') file: string) {
      const { req, res } = this.take(request, response);
      return this.docs.asset(req, res, file);
    }

    private take(request: unknown, response: unknown) {
      return this.platforms.platform.takeOver(request, response) as { req: McpHttpRequest; res: ServerResponse };
    }

    /** The JSON body, read here when the app turned Nest's body parser off. */
    private async body(req: McpHttpRequest, res: ServerResponse): Promise<unknown> {
      try {
        return await readJsonBody(req, this.options.maxRequestBodySize);
      } catch (error) {
        const status = (error as { status?: number }).status ?? 400;
        this.rest.refuse(req, res, { problem: problem('invalidRequest', status, (error as Error).message), headers: {} });
        return BODY_REFUSED;
      }
    }
  }
  return McpRestController;
}

const BODY_REFUSED = Symbol('body refused');

/** Binds the controller's methods to their paths under the prefix; runs before Nest maps routes (at `app.init()`). */
export function mapRestRoutes(controller: Type, options: ResolvedRestOptions): true {
  for (const [method, path, handler] of REST_ROUTES) {
    if (!options.docs && (handler === 'docsPage' || handler === 'docsAsset')) continue;
    const decorator = (method === 'GET' ? Get : method === 'POST' ? Post : Delete)(`${options.prefix}/${path}`);
    decorator(controller.prototype, handler, Object.getOwnPropertyDescriptor(controller.prototype, handler)!);
  }
  return true;
}

/** The controller method a request to the REST routes is served by (what the endpoint guards see as handler). */
export function restRouteOf(prefix: string): (req: { method?: string; url?: string }) => string {
  const patterns = REST_ROUTES.map(([method, path, handler]) => [method, new RegExp(`^/(?:.*/)?${prefix}/${path.replace(/:[a-z]+/g, '[^/]+').replace('.', '\\.')}$`), handler] as const);
  return (req) => {
    const path = (req.url ?? '').split('?')[0]!;
    return patterns.find(([method, pattern]) => method === req.method && pattern.test(path))?.[2] ?? 'server';
  };
}
