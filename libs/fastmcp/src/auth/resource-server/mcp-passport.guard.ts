import type { ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** Why passport refused a request: what the strategies reported. */
export class McpAuthenticationFailure extends Error {
  constructor(readonly info: unknown) {
    super('Authentication failed');
  }
}

/**
 * `@nestjs/passport`'s `AuthGuard` over the given strategies (first that accepts wins), on the
 * HTTP request of the context (an MCP call's too: `switchToHttp()` gives it); failures surface
 * as `McpAuthenticationFailure` for `McpAuthGuard` to turn into a challenge.
 */
export function createPassportGuard(strategies: readonly string[]): { canActivate(context: ExecutionContext): Promise<boolean> } {
  class McpPassportGuard extends AuthGuard([...strategies]) {
    override canActivate(context: ExecutionContext): Promise<boolean> {
      // `AuthGuard.canActivate` is an async method; its declared type is CanActivate's union.
      return super.canActivate(context) as Promise<boolean>;
    }

    override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
      if (error) throw error;
      if (!user) throw new McpAuthenticationFailure(info);
      return user;
    }
  }
  return new McpPassportGuard();
}
