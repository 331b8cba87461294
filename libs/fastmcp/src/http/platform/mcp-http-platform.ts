import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareConsumer, RequestMethod } from '@nestjs/common';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';

/** One MCP route, as Nest's `forRoutes()` names it. */
export interface McpRouteInfo {
  readonly path: string;
  readonly method: RequestMethod;
}

/** An error of the platform's body parsing, in body-parser's terms (`type`: `entity.parse.failed`, `entity.too.large` …). */
export interface McpBodyError {
  readonly type?: string;
  readonly status?: number;
  readonly message?: string;
}

/** Answers a body error on an MCP route as JSON-RPC; `false` when it is not one. */
export type McpBodyErrorAnswer = (error: McpBodyError, req: IncomingMessage, res: ServerResponse) => boolean;

/** The endpoint's guards (`guards` option) for one request: resolves to pass, throws to refuse. */
export type McpRouteCheck = (request: unknown, response: unknown) => Promise<void>;

/** The Node request and response an MCP route serves, whatever the platform wrapped them in. */
export interface NodeHttpPair {
  readonly req: McpHttpRequest;
  readonly res: ServerResponse;
}

/**
 * What differs between Nest's HTTP platforms for the MCP routes. The transports speak Node's
 * `IncomingMessage` / `ServerResponse` (the SDK's Node entry does); a platform says how to reach
 * them from what Nest hands a controller, and how the app's request objects relate to them.
 */
export interface McpHttpPlatform {
  /** `HttpAdapter.getType()` of the platform: `'express'`, `'fastify'`. */
  readonly type: string;
  /** The Node request behind a controller's `@Req()`, with the parsed body and `req.user`; the response is left to the platform. */
  nodeRequest(request: unknown): McpHttpRequest;
  /**
   * The Node pair behind a controller's `@Req()` and `@Res()`, the response taken over from the
   * platform (which must then neither write nor complain that nothing was sent), the parsed
   * body and `req.user` on the Node request.
   */
  takeOver(request: unknown, response: unknown): NodeHttpPair;
  /**
   * Runs `check` on `routes` ahead of every route guard (the app's global guards included),
   * with the request parsed, and lets a refusal reach the app's exception filters.
   */
  guardRoutes(consumer: MiddlewareConsumer, routes: readonly McpRouteInfo[], check: McpRouteCheck): void;
  /**
   * Hands the errors the platform's body parsing raises on the POST routes `paths` (ends of
   * request paths, the global prefix aside) to `answer`, before the app's exception layer.
   */
  answerBodyErrors(paths: readonly string[], answer: McpBodyErrorAnswer): void;
  /** Readies the app once, before it serves (while the platform still accepts changes). */
  prepare(): void;
}
