import type { IncomingMessage } from 'node:http';

/**
 * Where a Node request carries what the HTTP platform handed the route for it (on Fastify, the
 * `FastifyRequest` and `FastifyReply` that wrap the Node pair): a property, not a `WeakMap`
 * entry, as with `deferRequestInit`.
 */
const APP_EXCHANGE = Symbol('nestjs-fastmcp.appExchange');

interface AppExchange {
  readonly request: unknown;
  readonly response: unknown;
}

type Carrying = IncomingMessage & { [APP_EXCHANGE]?: AppExchange };

/** Records the request and response objects app code sees for `req` on a platform that wraps the Node pair. */
export function linkAppExchange(req: IncomingMessage, request: unknown, response: unknown): void {
  (req as Carrying)[APP_EXCHANGE] = { request, response };
}

/** What the platform handed the route for `req`, when it wraps the Node pair; `undefined` on Express. */
export function appExchangeOf(req: IncomingMessage): AppExchange | undefined {
  return (req as Carrying)[APP_EXCHANGE];
}
