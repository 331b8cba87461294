import type { Algorithm } from 'jsonwebtoken';
import type { McpPrincipal } from '../../access/mcp-principal.js';
import type { VerifiedTokenCacheOptions } from './verified-token.cache.js';

/**
 * `McpJwtModule.forRoot()`: how access tokens are verified. Give exactly one key source:
 * `secret` (HMAC), `publicKey` (PEM) or `jwksUri` (the authorization server's key set).
 *
 * @publicApi
 */
export interface McpJwtModuleOptions {
  /** Expected `iss`: the authorization server's issuer identifier. */
  issuer: string | string[];
  /**
   * Expected `aud`. Default: `McpAuthModule`'s `resource`, so tokens minted for another
   * service (another audience) are refused (MCP spec 2025-11-25, "Token Audience Binding").
   */
  audience?: string | string[];
  secret?: string | Buffer;
  publicKey?: string | Buffer;
  jwksUri?: string;
  /** Default: HS256/384/512 with `secret`, RS*, PS* and ES* otherwise. */
  algorithms?: Algorithm[];
  /** Seconds of clock skew tolerated on `exp` / `nbf`. Default 0. */
  clockToleranceSeconds?: number;
  /**
   * Verified tokens are remembered (by their SHA-256 digest) until the earlier of their `exp` and
   * `maxAgeMs`, and forgotten when the JWKS changes; `exp` and `nbf` are still checked on every
   * call. `false` verifies every token in full on every call. Default `{ maxEntries: 10_000, maxAgeMs: 60_000 }`.
   */
  cache?: VerifiedTokenCacheOptions | false;
  /** Turns verified claims into `req.user`; return `null` to refuse. Default: `sub`, `roles`, `scope` / `scp`. */
  toPrincipal?: (claims: Record<string, unknown>) => McpPrincipal | object | null;
}
