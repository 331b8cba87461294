import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Inject,
  Injectable,
  Optional,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { OAuthErrorCode } from '@modelcontextprotocol/server';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { bareRequestOf, bareResponseOf } from '../../http/mcp-http-route.context.js';
import { McpExecutionContext } from '../../execution/mcp-execution-context.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { McpAccessAudit } from '../../access/mcp-access.audit.js';
import { passportHasStrategy, passportStrategy } from '../../internals/passport.js';
import { McpAuthMetadataAccessor } from '../../access/mcp-access-metadata.accessor.js';
import { rolesOf, scopesOf } from '../../access/mcp-principal.js';
import { bearerChallenge, credentialsChallenge } from './bearer-challenge.js';
import { isDirectlyAuthenticating, type DirectlyAuthenticating } from './direct-authentication.js';
import { MCP_AUTH_OPTIONS, type ResolvedMcpAuthOptions } from './mcp-auth.module-definition.js';
import { createPassportGuard, McpAuthenticationFailure } from './mcp-passport.guard.js';
import { operationTargets, type McpOperationTarget } from './operation-targets.js';

/**
 * Protects MCP HTTP routes as an OAuth 2.1 resource server (MCP spec 2025-11-25,
 * "Authorization"): the configured passport strategies authenticate the request; failing that,
 * `401` with `WWW-Authenticate: Bearer ..., resource_metadata="..."` (and `error="invalid_token"`
 * when a credential was presented). A token without the scopes the request needs (module-wide
 * `requiredScopes` and the `@McpScopes()` of the tool, resource or prompt it calls) gets
 * `403 insufficient_scope` naming them, so the client can step up ("Scope Challenge
 * Handling"); each refused call is audited. An item the caller's roles hide gets no scope
 * challenge: the dispatch answers it as unknown.
 *
 * Use it in `McpModule.forRoot({ guards: [McpAuthGuard] })`. Also usable as `APP_GUARD` (it then
 * protects every route of the app; the RFC 9728 document stays public, as it is no Nest route);
 * on an MCP call it only authenticates when the HTTP route did not already (stdio calls, which
 * carry no HTTP request, pass).
 *
 * When every configured strategy is one of this library's (`McpJwtModule`, `McpApiKeyModule`),
 * the guard asks them directly instead of through passport's per-request middleware, and reads
 * only Node's request, so a call on the fast path stays there (docs/performance.md,
 * "Authenticated calls"); an app's own strategies go through passport as usual.
 *
 * @publicApi
 */
@Injectable()
export class McpAuthGuard implements CanActivate, OnApplicationBootstrap {
  private readonly passportGuard: ReturnType<typeof createPassportGuard>;
  private readonly metadata = new McpAuthMetadataAccessor();
  /** The strategies, when all can be asked directly; `null` when one cannot; looked up on first use. */
  private direct: readonly DirectlyAuthenticating[] | null | undefined;

  constructor(
    @Inject(MCP_AUTH_OPTIONS) private readonly options: ResolvedMcpAuthOptions,
    @Optional() private readonly registry?: McpRegistry,
    @Optional() private readonly audit?: McpAccessAudit,
  ) {
    this.passportGuard = createPassportGuard(options.strategies);
  }

  /** Strategies register themselves when constructed; by bootstrap a missing one is a typo or a missing import. */
  onApplicationBootstrap(): void {
    const missing = this.options.strategies.filter((name) => !passportHasStrategy(name));
    if (missing.length > 0) {
      throw new Error(
        `McpAuthGuard: no passport strategy named ${missing.map((name) => `"${name}"`).join(', ')}. ` +
          'Import McpJwtModule / McpApiKeyModule, or provide your own strategy, or change McpAuthModule `strategies`.',
      );
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (McpExecutionContext.isMcp(context)) return this.authenticateCall(context);
    // Only HTTP and MCP are this guard's business; other transports of a hybrid app pass.
    if (context.getType() !== 'http') return true;

    const req = bareRequestOf(context);
    const res = bareResponseOf(context);
    try {
      await this.authenticate(context, req);
    } catch (error) {
      if (!(error instanceof McpAuthenticationFailure)) throw error;
      // Scopes of the items the body names are not told to a caller who has not authenticated.
      const scopes = this.options.requiredScopes.length > 0 ? this.options.requiredScopes : this.options.scopesSupported;
      if (!credentialsPresented(req)) throw credentialsChallenge(res, scopes, this.options.resourceMetadataUrl);
      throw bearerChallenge(res, OAuthErrorCode.InvalidToken, describeFailure(error.info), scopes, this.options.resourceMetadataUrl);
    }
    this.checkScopes(req, res);
    return true;
  }

  /**
   * Sets `req.user` from the first strategy that accepts the request, as `AuthGuard` does;
   * `McpAuthenticationFailure` with what they reported when none does.
   */
  private async authenticate(context: ExecutionContext, req: McpHttpRequest): Promise<void> {
    const direct = (this.direct ??= directStrategies(this.options.strategies));
    if (!direct) {
      await this.passportGuard.canActivate(context);
      return;
    }
    const failures: unknown[] = [];
    for (const strategy of direct) {
      const { user, info } = await strategy.authenticateDirectly(req as IncomingMessage);
      if (user) {
        const authenticated = req as McpHttpRequest & { authInfo?: unknown };
        authenticated.user = user as McpHttpRequest['user'];
        if (info !== undefined) authenticated.authInfo = info;
        return;
      }
      failures.push(info);
    }
    throw new McpAuthenticationFailure(failures.length === 1 ? failures[0] : failures);
  }

  /** `403 insufficient_scope` when the token lacks a scope the request needs; every call it refuses is audited. */
  private checkScopes(req: McpHttpRequest, res: ServerResponse): void {
    const held = new Set(scopesOf(req.user));
    const lacks = (scopes: readonly string[]) => scopes.filter((scope) => !held.has(scope));
    const moduleMissing = lacks(this.options.requiredScopes);
    const targets = this.registry ? operationTargets(req.body, this.registry) : [];
    const refused: Array<{ target: McpOperationTarget; missing: string[] }> = [];
    const needed = new Set(this.options.requiredScopes);
    for (const target of targets) {
      const { roles, scopes } = this.metadata.requirementsOf(target.handler);
      // Hidden by role: the dispatch answers it as unknown, with no hint of its scopes.
      if (roles.length > 0 && !rolesOf(req.user).some((role) => roles.includes(role))) continue;
      const missing = [...moduleMissing, ...lacks(scopes)];
      if (missing.length === 0) continue;
      for (const scope of scopes) needed.add(scope);
      refused.push({ target, missing });
    }
    if (moduleMissing.length === 0 && refused.length === 0) return;
    for (const { target, missing } of refused) {
      this.audit?.deniedOverHttp(req, target.message, target.key, `insufficient_scope: lacks ${missing.join(' ')}`, 'Insufficient scope');
    }
    throw bearerChallenge(res, OAuthErrorCode.InsufficientScope, 'Insufficient scope', [...needed], this.options.resourceMetadataUrl);
  }

  private async authenticateCall(context: ExecutionContext): Promise<boolean> {
    const request = McpExecutionContext.create(context).getRequest();
    if (!request || request.user) return true;
    try {
      await this.authenticate(context, request);
      return true;
    } catch (error) {
      if (error instanceof McpAuthenticationFailure) throw new UnauthorizedException();
      throw error;
    }
  }
}

/** The strategies by name when every one can be asked directly, else `null` (passport asks them). */
function directStrategies(names: readonly string[]): readonly DirectlyAuthenticating[] | null {
  const strategies = names.map(passportStrategy);
  return strategies.length > 0 && strategies.every(isDirectlyAuthenticating) ? strategies : null;
}

/** Whether the request carried any credential a strategy could have read. */
function credentialsPresented(req: McpHttpRequest): boolean {
  return Boolean(req.headers.authorization) || Boolean(req.headers['x-api-key']);
}

/** A short, non-revealing reason for the challenge's `error_description`. */
function describeFailure(info: unknown): string {
  const reasons = Array.isArray(info) ? info : [info];
  if (reasons.some((reason) => (reason as Error | undefined)?.name === 'TokenExpiredError')) return 'Token has expired';
  return 'Invalid credentials';
}
