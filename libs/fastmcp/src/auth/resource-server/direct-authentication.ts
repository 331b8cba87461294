import type { IncomingMessage } from 'node:http';

/** What a strategy decided about a request: a user, or `false` and why (what passport's `fail` would report). */
export interface DirectAuthenticationOutcome {
  user: unknown;
  info?: unknown;
}

/**
 * A passport strategy of this library that can also decide on a request without passport's
 * per-request middleware (a copy of the strategy, five callbacks and the `req.login` family
 * attached to the request, for every call): `McpAuthGuard` calls it directly when every
 * strategy it is configured with is one. It decides exactly as its `authenticate` would; it
 * rejects where that would call `error`.
 */
export interface DirectlyAuthenticating {
  authenticateDirectly(req: IncomingMessage): Promise<DirectAuthenticationOutcome>;
}

export function isDirectlyAuthenticating(strategy: unknown): strategy is DirectlyAuthenticating {
  return typeof (strategy as Partial<DirectlyAuthenticating> | undefined)?.authenticateDirectly === 'function';
}

type VerifyCallback<T> = (input: T, done: (error: Error | null, user?: unknown, info?: unknown) => void) => void;

/** Runs a strategy's verify callback (the `validate` of a `PassportStrategy`) as a promise of its outcome. */
export function outcomeOfVerify<T>(verify: VerifyCallback<T>, input: T): Promise<DirectAuthenticationOutcome> {
  return new Promise((resolve, reject) => verify(input, (error, user, info) => (error ? reject(error) : resolve({ user: user || false, info }))));
}
