import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, RequestMethod } from '@nestjs/common';
import { linkAppExchange } from '../../common/app-http-exchange.js';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import type { McpBodyError, McpBodyErrorAnswer, McpHttpPlatform, McpRouteCheck, McpRouteInfo, NodeHttpPair } from './mcp-http-platform.js';

/** An error of Fastify's content-type parsing (`FST_ERR_CTP_*`), or the `SyntaxError` of its JSON parser. */
interface FastifyBodyError {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message?: string;
}

/** The parts of a `FastifyRequest` the MCP routes read (typed here: the package does not depend on `fastify`). */
interface FastifyRequestLike {
  readonly raw: IncomingMessage & { user?: unknown; body?: unknown };
  readonly body?: unknown;
  readonly method: string;
  readonly routeOptions: { readonly url?: string };
  user?: unknown;
}

/** The parts of a `FastifyReply` the MCP routes use. */
interface FastifyReplyLike {
  readonly raw: ServerResponse;
  hijack(): unknown;
}

/** The parts of a Fastify instance the MCP routes use. */
interface FastifyInstanceLike {
  addHook(name: 'preValidation', hook: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<void>): unknown;
  addHook(name: 'onError', hook: (request: FastifyRequestLike, reply: FastifyReplyLike, error: FastifyBodyError) => Promise<void>): unknown;
  hasRequestDecorator(name: string): boolean;
  decorateRequest(name: string, property: { getter(this: FastifyRequestLike): unknown; setter(this: FastifyRequestLike, value: unknown): void }): unknown;
}

/**
 * Fastify: `@Req()` is a `FastifyRequest` and `@Res()` a `FastifyReply`, each wrapping the Node
 * object (`.raw`). The transports write to the Node response, so the reply is hijacked first
 * (Fastify then neither sends it nor warns that the handler sent nothing). Fastify has parsed
 * the JSON body already, within its own `bodyLimit`.
 */
export class FastifyHttpPlatform implements McpHttpPlatform {
  readonly type = 'fastify';
  private readonly logger = new Logger('McpHttp');

  constructor(
    private readonly fastify: FastifyInstanceLike,
    /** The app's global prefix, which Nest puts ahead of the routes it registers on Fastify. */
    private readonly prefix: string,
  ) {}

  nodeRequest(request: unknown): McpHttpRequest {
    const fastifyRequest = request as FastifyRequestLike;
    const req: McpHttpRequest = fastifyRequest.raw;
    if (req.body === undefined && fastifyRequest.body !== undefined) req.body = fastifyRequest.body;
    return req;
  }

  takeOver(request: unknown, response: unknown): NodeHttpPair {
    const reply = response as FastifyReplyLike;
    reply.hijack();
    const req = this.nodeRequest(request);
    linkAppExchange(req, request, reply);
    return { req, res: reply.raw };
  }

  /**
   * As a `preValidation` hook of the routes: Nest's middleware on Fastify runs in `onRequest`,
   * before the body is parsed, and a guard may need the body (the scopes of the tools a call
   * names). The hook runs after parsing and before the route's handler, where Nest runs its
   * guards; what it throws reaches the error handler Nest gives Fastify (the app's filters).
   */
  guardRoutes(_consumer: unknown, routes: readonly McpRouteInfo[], check: McpRouteCheck): void {
    const prefix = this.prefix.replace(/^\/+|\/+$/g, '');
    const guarded = new Set(routes.map((route) => `${RequestMethod[route.method]} ${(prefix ? `/${prefix}${route.path}` : route.path).toLowerCase()}`));
    this.fastify.addHook('preValidation', async (request, reply) => {
      if (guarded.has(`${request.method} ${(request.routeOptions.url ?? '').toLowerCase()}`)) await check(request, reply);
    });
  }

  /**
   * As an `onError` hook: Fastify parses the body (within its `bodyLimit`) before any hook the
   * route has, and hands a parse error to its error handler, which Nest owns. The hook answers
   * first, on the hijacked reply, and Nest's handler then finds the answer sent.
   */
  answerBodyErrors(paths: readonly string[], answer: McpBodyErrorAnswer): void {
    const ends = paths.map((path) => path.toLowerCase());
    this.fastify.addHook('onError', async (request, reply, error) => {
      const route = (request.routeOptions.url ?? '').toLowerCase();
      if (request.method !== 'POST' || !ends.some((end) => route.endsWith(end))) return;
      const bodyError = asBodyError(error);
      if (!bodyError || reply.raw.headersSent) return;
      reply.hijack();
      answer(bodyError, request.raw, reply.raw);
    });
  }

  /**
   * One `user` for both objects: Nest's middleware on Fastify (the `guards` option among it)
   * sees the Node request, while guards, Passport and controllers see the `FastifyRequest`.
   * Without this, a user the endpoint's guards authenticated would be missing in the app's
   * global guards, and one Passport set in a global guard missing on the MCP session.
   */
  prepare(): void {
    const fastify = this.fastify;
    if (fastify.hasRequestDecorator('user')) {
      this.logger.debug('The app decorates request.user itself; it is not shared with the Node request.');
      return;
    }
    fastify.decorateRequest('user', {
      getter() {
        return this.raw.user;
      },
      setter(value) {
        this.raw.user = value;
      },
    });
  }
}

/** A Fastify body error in body-parser's terms; `undefined` for any other error. */
function asBodyError(error: FastifyBodyError): McpBodyError | undefined {
  const { code = '', statusCode, message } = error;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { type: 'entity.too.large', status: 413, message };
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && statusCode === 400)) {
    return { type: 'entity.parse.failed', status: 400, message };
  }
  if (code.startsWith('FST_ERR_CTP_')) return { type: code, status: statusCode, message };
  return undefined;
}
