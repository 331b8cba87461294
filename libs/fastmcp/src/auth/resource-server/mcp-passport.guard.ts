import type { IncomingMessage } from 'node:http';
import type { ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { McpExecutionContext } from '../../execution/mcp-execution-context.js';

/** Why passport refused a request: what the strategies reported, and whether credentials were presented at all. */
export class McpAuthenticationFailure extends Error {
  constructor(readonly info: unknown) {
    super('Authentication failed');
  }
}

/**
 * `@nestjs/passport`'s `AuthGuard` over the given strategies (first that accepts wins), able to
 * authenticate the HTTP request behind an MCP call too; failures surface as
 * `McpAuthenticationFailure` for `McpAuthGuard` to turn into a challenge.
 */
export function createPassportGuard(strategies: readonly string[]): { canActivate(context: ExecutionContext): Promise<boolean> } {
  class McpPassportGuard extends AuthGuard([...strategies]) {
    override canActivate(context: ExecutionContext): Promise<boolean> {
      // `AuthGuard.canActivate` is an async method; its declared type is CanActivate's union.
      return super.canActivate(context) as Promise<boolean>;
    }

    override getRequest(context: ExecutionContext): IncomingMessage | undefined {
      return McpExecutionContext.isMcp(context) ? McpExecutionContext.create(context).getRequest() : super.getRequest(context);
    }

    getResponse(context: ExecutionContext): unknown {
      // Strategies with a custom callback never write to the response.
      return McpExecutionContext.isMcp(context) ? {} : context.switchToHttp().getResponse();
    }

    override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
      if (error) throw error;
      if (!user) throw new McpAuthenticationFailure(info);
      return user;
    }
  }
  return new McpPassportGuard();
}
