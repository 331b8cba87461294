import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { linkAppExchange } from '../../common/app-http-exchange.js';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import type { McpHttpPlatform, NodeHttpPair } from './mcp-http-platform.js';

/** The parts of a `FastifyRequest` the MCP routes read (typed here: `fastify` is an optional peer). */
interface FastifyRequestLike {
  readonly raw: IncomingMessage & { user?: unknown; body?: unknown };
  readonly body?: unknown;
  user?: unknown;
}

/** The parts of a `FastifyReply` the MCP routes use. */
interface FastifyReplyLike {
  readonly raw: ServerResponse;
  hijack(): unknown;
}

/** The part of a Fastify instance `prepare` uses. */
interface FastifyInstanceLike {
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

  takeOver(request: unknown, response: unknown): NodeHttpPair {
    const fastifyRequest = request as FastifyRequestLike;
    const reply = response as FastifyReplyLike;
    reply.hijack();
    const req: McpHttpRequest = fastifyRequest.raw;
    if (req.body === undefined && fastifyRequest.body !== undefined) req.body = fastifyRequest.body;
    linkAppExchange(req, fastifyRequest, reply);
    return { req, res: reply.raw };
  }

  /**
   * One `user` for both objects: Nest's middleware on Fastify (the `guards` option among it)
   * sees the Node request, while guards, Passport and controllers see the `FastifyRequest`.
   * Without this, a user the endpoint's guards authenticated would be missing in the app's
   * global guards, and one Passport set in a global guard missing on the MCP session.
   */
  prepare(instance: unknown): void {
    const fastify = instance as FastifyInstanceLike;
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
