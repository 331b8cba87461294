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
    const key = this.keyOf(req);
    if (!key) return this.fail({ message: 'No API key' }, 401);
    this.verify(key, (error, user) => {
      if (error) return this.error(error);
      if (!user) return this.fail({ message: 'Unknown API key' }, 401);
      this.success(user);
    });
  }

  /** What `authenticate` decides, without passport's middleware (`McpAuthGuard` calls it). */
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
