import type { IncomingMessage } from 'node:http';
import { Strategy } from 'passport-strategy';
import type { McpJwtVerifier } from './mcp-jwt.verifier.js';
import { outcomeOfVerify, type DirectAuthenticationOutcome, type DirectlyAuthenticating } from '../resource-server/direct-authentication.js';

type Verify = (claims: Record<string, unknown>, done: (error: Error | null, user?: unknown, info?: unknown) => void) => void;

/**
 * A passport strategy for `Authorization: Bearer <JWT>` over `McpJwtVerifier`. It reports
 * failures as passport-jwt does (`fail(reason)`: the verification error, or why no token was read).
 */
export class JwtBearerStrategy extends Strategy implements DirectlyAuthenticating {
  constructor(
    private readonly verifier: McpJwtVerifier,
    private readonly verifyClaims: Verify,
  ) {
    super();
  }

  override authenticate(req: IncomingMessage): void {
    this.authenticateDirectly(req).then(
      ({ user, info }) => (user ? this.success(user, info) : this.fail(info, 401)),
      (error: Error) => this.error(error),
    );
  }

  /** The decision `authenticate` reports to passport, for a caller that asks directly (`McpAuthGuard`). */
  async authenticateDirectly(req: IncomingMessage): Promise<DirectAuthenticationOutcome> {
    const token = bearerTokenOf(req.headers.authorization);
    if (!token) return { user: false, info: new Error('No auth token') };
    let claims: Record<string, unknown>;
    try {
      claims = await this.verifier.verify(token);
    } catch (reason) {
      return { user: false, info: reason };
    }
    return outcomeOfVerify(this.verifyClaims, claims);
  }
}

/** The token of an `Authorization: Bearer <token>` header (scheme compared case-insensitively, RFC 6750 §2.1). */
function bearerTokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== 'bearer') return undefined;
  const token = header.slice(space + 1).trim();
  return token === '' || token.includes(' ') ? undefined : token;
}
