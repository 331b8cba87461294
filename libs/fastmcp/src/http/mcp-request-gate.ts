import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { refuseBody } from './body-refusal.js';
import { declaredBodyRefusal } from './declared-body.check.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** A listener that serves some requests ahead of the app: `true` when it took this one. */
export type AheadOfApp = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The first to see a request on the HTTP server, ahead of the app (Express, and the body parsers
 * it runs before any route): a POST to an MCP endpoint whose headers already condemn its body
 * (`declaredBodyRefusal`) is answered before a byte of it is read or parsed. The app's parsers
 * would otherwise read and parse up to their limit (a form parser, several megabytes) only for
 * the route to refuse the result. Everything else goes on to the app, or to a listener that
 * serves MCP requests ahead of it (`serveAhead`, the fast path's front door). What it saves,
 * and costs, is in docs/performance.md ("bodies refused before they are read").
 */
@Injectable()
export class McpRequestGate implements OnApplicationBootstrap {
  private readonly logger = new Logger('McpHttp');
  private installed = false;
  /** The server's one request listener before the gate, if it had exactly one. */
  private soleListener?: RequestListener;
  private ahead?: AheadOfApp;
  private paths: readonly string[] = [];

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.install();
  }

  /**
   * Lets `listener` serve requests the gate admits before `app` does; `false` (and nothing
   * changes) unless `app` is the server's only request listener.
   */
  serveAhead(app: RequestListener, listener: AheadOfApp): boolean {
    this.install();
    if (this.soleListener !== app) return false;
    this.ahead = listener;
    return true;
  }

  private install(): void {
    if (this.installed) return;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    const { transports } = this.options;
    if (!server || typeof server.listeners !== 'function' || !(transports.has('streamable-http') || transports.has('sse'))) return;
    this.installed = true;
    this.paths = this.postPaths();
    const listeners = server.listeners('request') as RequestListener[];
    this.soleListener = listeners.length === 1 ? listeners[0] : undefined;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'POST' && this.isMcpPath(req.url ?? '') && this.refused(req, res)) return;
      if (this.ahead?.(req, res)) return;
      for (const listener of listeners) listener.call(server, req, res);
    });
  }

  private refused(req: IncomingMessage, res: ServerResponse): boolean {
    const refusal = declaredBodyRefusal(req, this.options.maxRequestBodySize);
    if (!refusal) return false;
    this.logger.warn(`Refused POST ${req.url} before reading its body: ${refusal.status} ${refusal.message}`);
    refuseBody(req, res, refusal.status, refusal.code, refusal.message);
    return true;
  }

  /** The MCP routes that take a POST body, with and without the global prefix, as Express matches them (any case, a trailing slash allowed). */
  private postPaths(): string[] {
    const prefix = this.config.getGlobalPrefix().replace(/^\/+|\/+$/g, '');
    const routes = [
      ...(this.options.transports.has('streamable-http') ? [this.options.path] : []),
      ...(this.options.transports.has('sse') ? [this.options.sseMessagesPath] : []),
    ];
    return routes.flatMap((route) => (prefix ? [`/${prefix}${route}`, route] : [route])).map((path) => path.toLowerCase());
  }

  private isMcpPath(url: string): boolean {
    const query = url.indexOf('?');
    let path = query === -1 ? url : url.slice(0, query);
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    return this.paths.includes(path.toLowerCase());
  }
}
