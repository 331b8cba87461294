import type { Algorithm } from 'jsonwebtoken';
import type { McpPrincipal } from '../../access/mcp-principal.js';

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
  /** Turns verified claims into `req.user`; return `null` to refuse. Default: `sub`, `roles`, `scope` / `scp`. */
  toPrincipal?: (claims: Record<string, unknown>) => McpPrincipal | object | null;
}
