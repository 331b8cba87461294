import type { ServerResponse } from 'node:http';
import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Optional,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
  UseGuards,
  type Type,
} from '@nestjs/common';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { readJsonBody } from '../../http/json-body.reader.js';
import { McpHttpPlatformHost } from '../../http/platform/mcp-http-platform.host.js';
import { ADMIN_CALL_LOG, type AdminCallLog } from '../calls/admin-tool-call.js';
import { latencyByTool } from '../calls/latency-stats.js';
import { AdminCatalogView, CATALOG_KINDS } from '../catalog/admin-catalog.view.js';
import { AdminCsrf } from '../csrf/admin-csrf.js';
import { isSameOrigin } from '../csrf/same-origin.js';
import { CATALOG_TOGGLE_INVALID, catalogItemUnknown, CSRF_TOKEN_INVALID, FOREIGN_ORIGIN, JSON_REQUIRED } from '../admin.messages.js';
import { MCP_ADMIN_OPTIONS, type ResolvedMcpAdminOptions } from '../mcp-admin.module-definition.js';
import { renderAdminPage } from '../page/admin-page.html.js';
import { ADMIN_PAGE_SCRIPT } from '../page/admin-page.script.js';
import { ADMIN_PAGE_STYLE } from '../page/admin-page.style.js';
import { sendAdminJson, sendAdminResponse } from '../page/admin-response-headers.js';
import { AdminSessionsView } from '../sessions/admin-sessions.view.js';
import { isSecure, requestedBase } from './admin-routes.js';
import { McpAdminGuard } from './mcp-admin.guard.js';

/** How many calls the page lists; the latency chart uses every call the log holds. */
const LISTED_CALLS = 50;
/** A toggle is `{ kind, key, enabled }`: a few hundred bytes. */
const TOGGLE_BODY_LIMIT = 16_384;

type AdminRequest = McpHttpRequest & { originalUrl?: string };

/**
 * The admin page and its JSON API as a Nest controller, so the app's middleware, global guards
 * and exception filters apply as on any route, and `McpAdminGuard` runs the `guards` option. A
 * fresh class per module registration: its path comes from options `forRootAsync` only knows
 * once providers resolve. GET never changes anything; the one POST needs the CSRF token.
 */
export function createAdminController(): Type {
  @UseGuards(McpAdminGuard)
  @Controller()
  class McpAdminController {
    private readonly csrf: AdminCsrf;

    constructor(
      @Inject(MCP_ADMIN_OPTIONS) private readonly options: ResolvedMcpAdminOptions,
      @Inject(ADMIN_CALL_LOG) private readonly calls: AdminCallLog,
      private readonly sessions: AdminSessionsView,
      private readonly catalog: AdminCatalogView,
      @Optional() private readonly platforms?: McpHttpPlatformHost,
    ) {
      this.csrf = new AdminCsrf(options.csrfSecret);
    }

    /** The Node request behind the platform's (a `FastifyRequest` wraps one). */
    private nodeRequest(request: unknown): AdminRequest {
      return this.platforms ? this.platforms.platform.nodeRequest(request) : (request as AdminRequest);
    }

    /** The Node response to answer on, taken over from the platform: only once nothing is left to throw. */
    private nodeResponse(request: unknown, response: unknown): ServerResponse {
      return this.platforms ? this.platforms.platform.takeOver(request, response).res : (response as ServerResponse);
    }

    page(@Req() request: unknown, @Res() response: unknown): void {
      const req = this.nodeRequest(request);
      const base = requestedBase(req);
      // One nonce per browser session: a second tab keeps the first one's token valid.
      const existing = this.csrf.nonceOf(req);
      const nonce = existing ?? this.csrf.newNonce();
      const html = renderAdminPage({ base, csrfToken: this.csrf.tokenFor(nonce, req.user), refreshIntervalMs: this.options.refreshIntervalMs });
      sendAdminResponse(this.nodeResponse(request, response), 200, 'text/html; charset=utf-8', html, existing ? {} : { 'Set-Cookie': this.csrf.cookieHeader(nonce, base, isSecure(req)) });
    }

    script(@Req() request: unknown, @Res() response: unknown): void {
      const res = this.nodeResponse(request, response);
      sendAdminResponse(res, 200, 'text/javascript; charset=utf-8', ADMIN_PAGE_SCRIPT);
    }

    style(@Req() request: unknown, @Res() response: unknown): void {
      const res = this.nodeResponse(request, response);
      sendAdminResponse(res, 200, 'text/css; charset=utf-8', ADMIN_PAGE_STYLE);
    }

    listSessions(@Req() request: unknown, @Res() response: unknown): void {
      const res = this.nodeResponse(request, response);
      sendAdminJson(res, { sessions: this.sessions.list() });
    }

    async listToolCalls(@Req() request: unknown, @Res() response: unknown): Promise<void> {
      const recent = await this.calls.recent(this.options.recentCalls);
      sendAdminJson(this.nodeResponse(request, response), { source: this.calls.source, calls: recent.slice(0, LISTED_CALLS), latency: latencyByTool(recent) });
    }

    listCatalog(@Req() request: unknown, @Res() response: unknown): void {
      const res = this.nodeResponse(request, response);
      sendAdminJson(res, { items: this.catalog.list() });
    }

    async toggle(@Req() request: unknown, @Res() response: unknown): Promise<void> {
      const req = this.nodeRequest(request);
      if (!isSameOrigin(req, this.options.allowedOrigins)) throw new ForbiddenException(FOREIGN_ORIGIN);
      // A cross-site form cannot send JSON, and a cross-site fetch that does needs a preflight we never grant.
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new UnsupportedMediaTypeException(JSON_REQUIRED);
      if (!this.csrf.verify(req)) throw new ForbiddenException(CSRF_TOKEN_INVALID);
      // Read here when the app turned Express's body parser off.
      const body = await readJsonBody(req, TOGGLE_BODY_LIMIT).catch(() => undefined);
      const { kind, key, enabled } = (body ?? {}) as Record<string, unknown>;
      if (!CATALOG_KINDS.includes(kind as never) || typeof key !== 'string' || typeof enabled !== 'boolean') throw new BadRequestException(CATALOG_TOGGLE_INVALID);
      const item = kind as (typeof CATALOG_KINDS)[number];
      if (!this.catalog.setEnabled(item, key, enabled)) throw new NotFoundException(catalogItemUnknown(item, key));
      sendAdminJson(this.nodeResponse(request, response), { kind: item, key, enabled });
    }
  }
  return McpAdminController;
}

/** Binds the controller's methods under the configured path; runs before Nest maps routes (at `app.init()`). */
export function mapAdminRoutes(controller: Type, options: ResolvedMcpAdminOptions): true {
  const route = (decorator: MethodDecorator, method: string) =>
    decorator(controller.prototype, method, Object.getOwnPropertyDescriptor(controller.prototype, method)!);
  const path = options.path;
  route(Get(path), 'page');
  route(Get(`${path}/admin.js`), 'script');
  route(Get(`${path}/admin.css`), 'style');
  route(Get(`${path}/api/sessions`), 'listSessions');
  route(Get(`${path}/api/tool-calls`), 'listToolCalls');
  route(Get(`${path}/api/catalog`), 'listCatalog');
  route(Post(`${path}/api/catalog/toggle`), 'toggle');
  return true;
}
