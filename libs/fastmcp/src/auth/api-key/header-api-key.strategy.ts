import type { IncomingMessage } from 'node:http';
import { Strategy } from 'passport-strategy';
import { outcomeOfVerify, type DirectAuthenticationOutcome, type DirectlyAuthenticating } from '../resource-server/direct-authentication.js';

type Verify = (key: string, done: (error: Error | null, user?: unknown) => void) => void;

/**
 * A passport strategy taking an API key from a header (default `x-api-key`) or `Authorization: Bearer`.
 *
 * @publicApi
 */
export class HeaderApiKeyStrategy extends Strategy implements DirectlyAuthenticating {
  constructor(
    private readonly header: string,
    private readonly verify: Verify,
  ) {
    super();
  }

  override authenticate(req: IncomingMessage): void {
    this.authenticateDirectly(req).then(
      ({ user, info }) => (user ? this.success(user) : this.fail(info, 401)),
      (error: Error) => this.error(error),
    );
  }

  /** The decision `authenticate` reports to passport, for a caller that asks directly (`McpAuthGuard`). */
  async authenticateDirectly(req: IncomingMessage): Promise<DirectAuthenticationOutcome> {
    const key = this.keyOf(req);
    if (!key) return { user: false, info: { message: 'No API key' } };
    const { user } = await outcomeOfVerify(this.verify, key);
    return user ? { user } : { user: false, info: { message: 'Unknown API key' } };
  }

  private keyOf(req: IncomingMessage): string | undefined {
    const header = req.headers[this.header];
    if (typeof header === 'string' && header !== '') return header;
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    return match?.[1];
  }
}
