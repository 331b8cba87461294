import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareConsumer } from '@nestjs/common';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import type { McpBodyError, McpBodyErrorAnswer, McpHttpPlatform, McpRouteCheck, McpRouteInfo, NodeHttpPair } from './mcp-http-platform.js';

type ErrorMiddleware = (error: McpBodyError, req: IncomingMessage & { path?: string }, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The part of Nest's `ExpressAdapter` used here. */
interface ExpressAdapterLike {
  use(middleware: ErrorMiddleware): unknown;
}

/** Express: its request and response are the Node ones, extended; nothing to unwrap or take over. */
export class ExpressHttpPlatform implements McpHttpPlatform {
  readonly type = 'express';
  /** The installed error middleware; the fast path's front door checks it is the first in line. */
  bodyErrorMiddleware?: ErrorMiddleware;

  constructor(private readonly adapter?: ExpressAdapterLike) {}

  nodeRequest(request: unknown): McpHttpRequest {
    return request as McpHttpRequest;
  }

  takeOver(request: unknown, response: unknown): NodeHttpPair {
    return { req: request as McpHttpRequest, res: response as ServerResponse };
  }

  /**
   * As Nest middleware: Nest runs middleware before any route guard, after the app's body
   * parsers, and answers what it throws with the app's exception filters.
   */
  guardRoutes(consumer: MiddlewareConsumer, routes: readonly McpRouteInfo[], check: McpRouteCheck): void {
    consumer
      .apply(async (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
        await check(req, res);
        next();
      })
      .forRoutes(...routes);
  }

  /**
   * As an error middleware after the routes: Express's body parsers reject a bad body before any
   * route runs, with an error that skips to the error middleware.
   */
  answerBodyErrors(paths: readonly string[], answer: McpBodyErrorAnswer): void {
    this.bodyErrorMiddleware = (error, req, res, next) => {
      const path = req.path ?? '';
      if (!paths.some((mcpPath) => path.endsWith(mcpPath)) || !answer(error, req, res)) next(error);
    };
    this.adapter?.use(this.bodyErrorMiddleware);
  }

  prepare(): void {}
}
