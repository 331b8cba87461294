import { Inject, Injectable, Optional } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { MCP_JWT_STRATEGY } from '../mcp-auth.constants.js';
import { rolesOf, scopesOf, type McpPrincipal } from '../../access/mcp-principal.js';
import { MCP_AUTH_OPTIONS, type ResolvedMcpAuthOptions } from '../resource-server/mcp-auth.module-definition.js';
import { JwksKeySet } from './jwks-key-set.js';
import { JwtBearerStrategy } from './jwt-bearer.strategy.js';
import type { McpJwtModuleOptions } from './mcp-jwt-options.interface.js';
import { MCP_JWT_OPTIONS } from './mcp-jwt.module-definition.js';
import { McpJwtVerifier } from './mcp-jwt.verifier.js';
import { McpConfigurationError } from '../../errors/mcp-configuration.error.js';
import { optionRequired } from '../../errors/mcp.messages.js';

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;

/**
 * Verifies `Authorization: Bearer <JWT>`: signature, `exp`, `nbf`, `iss` and `aud`
 * (`McpJwtVerifier`: key objects made once, verified tokens remembered).
 *
 * @publicApi
 */
@Injectable()
export class McpJwtStrategy extends PassportStrategy(JwtBearerStrategy, MCP_JWT_STRATEGY) {
  constructor(
    @Inject(MCP_JWT_OPTIONS) private readonly options: McpJwtModuleOptions,
    @Optional() @Inject(MCP_AUTH_OPTIONS) auth?: ResolvedMcpAuthOptions,
  ) {
    super(verifierFor(options, auth));
  }

  validate(claims: Record<string, unknown>): McpPrincipal | object | null {
    if (this.options.toPrincipal) return this.options.toPrincipal(claims);
    if (typeof claims.sub !== 'string' || claims.sub === '') return null;
    return { sub: claims.sub, roles: rolesOf(claims), scopes: scopesOf(claims), via: 'jwt', claims } satisfies McpPrincipal;
  }
}

function verifierFor(options: McpJwtModuleOptions, auth: ResolvedMcpAuthOptions | undefined): McpJwtVerifier {
  const sources = [options.secret, options.publicKey, options.jwksUri].filter((source) => source !== undefined);
  if (sources.length !== 1) throw new McpConfigurationError('McpJwtModule', 'secret', 'McpJwtModule: give exactly one of `secret`, `publicKey` or `jwksUri`');
  if (!options.issuer) throw new McpConfigurationError('McpJwtModule', 'issuer', optionRequired('McpJwtModule', 'issuer', 'the `iss` a token must carry'));
  const audience = options.audience ?? audiencesOf(auth?.resource);
  if (!audience) {
    throw new McpConfigurationError(
      'McpJwtModule',
      'audience',
      'McpJwtModule: set `audience`, or import McpAuthModule whose `resource` is the audience: tokens minted for other services must be refused',
    );
  }
  return new McpJwtVerifier({
    key: options.jwksUri !== undefined ? new JwksKeySet(options.jwksUri) : McpJwtVerifier.keyOf(options),
    issuer: options.issuer,
    audience,
    algorithms: options.algorithms ?? (options.secret !== undefined ? ['HS256', 'HS384', 'HS512'] : [...ASYMMETRIC]),
    clockToleranceSeconds: options.clockToleranceSeconds ?? 0,
    cache: options.cache ?? {},
  });
}

/** The resource URL, with and without its trailing slash: RFC 8707 identifiers compare either way. */
function audiencesOf(resource: URL | undefined): string[] | undefined {
  if (!resource) return undefined;
  return [...new Set([resource.href, resource.href.replace(/\/$/, '')])];
}
