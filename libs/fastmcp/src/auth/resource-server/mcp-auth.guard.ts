import type { ServerResponse } from 'node:http';
import {
  Inject,
  Injectable,
  Optional,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { OAuthErrorCode } from '@modelcontextprotocol/server';
import passport from 'passport';
import type { McpHttpRequest } from '../../execution/mcp-context.js';
import { McpExecutionContext } from '../../execution/mcp-execution-context.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { McpAuthMetadataAccessor } from '../mcp-auth-metadata.accessor.js';
import { MCP_PUBLIC_METADATA } from '../mcp-auth.constants.js';
import { scopesOf } from '../mcp-principal.js';
import { bearerChallenge } from './bearer-challenge.js';
import { MCP_AUTH_OPTIONS, type ResolvedMcpAuthOptions } from './mcp-auth.module-definition.js';
import { createPassportGuard, McpAuthenticationFailure } from './mcp-passport.guard.js';
import { operationScopes } from './operation-scopes.js';

/**
 * Protects MCP HTTP routes as an OAuth 2.1 resource server (MCP spec 2025-11-25,
 * "Authorization"): the configured passport strategies authenticate the request; failing that,
 * `401` with `WWW-Authenticate: Bearer ..., scope="...", resource_metadata="..."`. A token
 * without the scopes the request needs (module-wide `requiredScopes` and the `@McpScopes()` of
 * the tool, resource or prompt it calls) gets `403 insufficient_scope` naming them, so the
 * client can step up ("Scope Challenge Handling").
 *
 * Use it in `McpModule.forRoot({ guards: [McpAuthGuard] })`. Also usable as `APP_GUARD`: it
 * lets `McpAuthModule`'s metadata route through, and on MCP calls it only authenticates when
 * the HTTP route did not already (stdio calls, which carry no HTTP request, pass).
 */
@Injectable()
export class McpAuthGuard implements CanActivate, OnApplicationBootstrap {
  private readonly passportGuard: ReturnType<typeof createPassportGuard>;
  private readonly metadata = new McpAuthMetadataAccessor();

  constructor(
    @Inject(MCP_AUTH_OPTIONS) private readonly options: ResolvedMcpAuthOptions,
    private readonly reflector: Reflector,
    @Optional() private readonly registry?: McpRegistry,
  ) {
    this.passportGuard = createPassportGuard(options.strategies);
  }

  /** Strategies register themselves when constructed; by bootstrap a missing one is a typo or a missing import. */
  onApplicationBootstrap(): void {
    // passport has no public lookup by name; `_strategy` is what `authenticate` itself uses.
    const known = (passport as unknown as { _strategy(name: string): unknown })._strategy.bind(passport);
    const missing = this.options.strategies.filter((name) => !known(name));
    if (missing.length > 0) {
      throw new Error(
        `McpAuthGuard: no passport strategy named ${missing.map((name) => `"${name}"`).join(', ')}. ` +
          'Import McpJwtModule / McpApiKeyModule, or provide your own strategy, or change McpAuthModule `strategies`.',
      );
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(MCP_PUBLIC_METADATA, [context.getHandler(), context.getClass()])) return true;
    if (McpExecutionContext.isMcp(context)) return this.authenticateCall(context);
    // Only HTTP and MCP are this guard's business; other transports of a hybrid app pass.
    if (context.getType() !== 'http') return true;

    const http = context.switchToHttp();
    const req = http.getRequest<McpHttpRequest>();
    const res = http.getResponse<ServerResponse>();
    const needed = [...new Set([...this.options.requiredScopes, ...this.operationScopes(req.body)])];
    try {
      await this.passportGuard.canActivate(context);
    } catch (error) {
      if (!(error instanceof McpAuthenticationFailure)) throw error;
      const scopes = needed.length > 0 ? needed : this.options.scopesSupported;
      throw bearerChallenge(res, OAuthErrorCode.InvalidToken, describeFailure(req, error.info), scopes, this.options.resourceMetadataUrl);
    }
    const held = new Set(scopesOf(req.user));
    if (needed.some((scope) => !held.has(scope))) {
      throw bearerChallenge(res, OAuthErrorCode.InsufficientScope, 'Insufficient scope', needed, this.options.resourceMetadataUrl);
    }
    return true;
  }

  private async authenticateCall(context: ExecutionContext): Promise<boolean> {
    const request = McpExecutionContext.create(context).getRequest();
    if (!request || request.user) return true;
    try {
      return await this.passportGuard.canActivate(context);
    } catch (error) {
      if (error instanceof McpAuthenticationFailure) throw new UnauthorizedException();
      throw error;
    }
  }

  private operationScopes(body: unknown): string[] {
    return this.registry ? operationScopes(body, this.registry, this.metadata) : [];
  }
}

/** A short, non-revealing reason for the challenge's `error_description`. */
function describeFailure(req: McpHttpRequest, info: unknown): string {
  const reasons = Array.isArray(info) ? info : [info];
  if (reasons.some((reason) => (reason as Error | undefined)?.name === 'TokenExpiredError')) return 'Token has expired';
  const presented = Boolean(req.headers.authorization) || Boolean(req.headers['x-api-key']);
  return presented ? 'Invalid credentials' : 'Missing credentials';
}
