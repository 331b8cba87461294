import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { MCP_REST_OPTIONS, restBasePath, type ResolvedRestOptions } from '../mcp-rest.module-definition.js';
import { McpRestService } from '../mcp-rest.service.js';
import { problem, sendJson } from '../problem/problem-details.js';
import { McpOpenApiDocumentFactory } from './openapi-document.factory.js';
import { SwaggerUiPage } from './swagger-ui.page.js';

/** `<prefix>/openapi.json` and the Swagger UI page at `<prefix>/docs`. */
@Injectable()
export class McpRestDocs {
  private ui?: SwaggerUiPage;

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    @Inject(MCP_REST_OPTIONS) private readonly rest: ResolvedRestOptions,
    private readonly documents: McpOpenApiDocumentFactory,
    private readonly service: McpRestService,
    @Optional() private readonly appConfig?: ApplicationConfig,
  ) {}

  async document(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    sendJson(res, 200, await this.documents.create(req));
  }

  page(_req: McpHttpRequest, res: ServerResponse): void {
    this.page$().page(res);
  }

  async asset(req: McpHttpRequest, res: ServerResponse, file: string): Promise<void> {
    if (!(await this.page$().asset(file, res))) this.service.refuse(req, res, { problem: problem('notFound', 404, `No such file: ${file}`), headers: {} });
  }

  private page$(): SwaggerUiPage {
    if (!this.ui) {
      this.ui = new SwaggerUiPage(restBasePath(this.appConfig?.getGlobalPrefix(), this.rest), () => this.rest.openApi.title ?? this.options.title ?? this.options.name);
    }
    return this.ui;
  }
}
