import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { JwksKeySet } from './jwks-key-set.js';
import { VerifiedTokenCache, type VerifiedTokenCacheOptions } from './verified-token.cache.js';
import { WebCryptoKeys } from './web-crypto-keys.js';

/**
 * What `McpJwtVerifier` checks a token against; the key source is already made into key objects.
 *
 * @publicApi
 */
export interface McpJwtVerification {
  key: KeyObject | JwksKeySet;
  issuer: string | string[];
  audience: string | string[];
  algorithms: string[];
  clockToleranceSeconds: number;
  /** `false`: every token is verified in full on every call. */
  cache: VerifiedTokenCacheOptions | false;
}

/**
 * A token refused for its `exp`: named as jsonwebtoken names it, so code that tells expiry apart keeps working.
 *
 * @publicApi
 */
export class McpTokenExpiredError extends Error {
  override readonly name = 'TokenExpiredError';
}

/**
 * Verifies compact JWS access tokens (signature, `exp`, `nbf`, `iss`, `aud`, algorithm) with
 * key objects made once, never per call, and remembers what it verified (`VerifiedTokenCache`)
 * until the keys change. Why both: docs/performance.md, "Authenticated calls".
 *
 * @publicApi
 */
export class McpJwtVerifier {
  private readonly cache: VerifiedTokenCache | undefined;
  private readonly options: JWTVerifyOptions;
  private readonly key: JWTVerifyGetKey;
  private readonly webCryptoKeys = new WebCryptoKeys();
  private readonly toleranceMs: number;

  constructor(verification: McpJwtVerification) {
    this.cache = verification.cache === false ? undefined : new VerifiedTokenCache(verification.cache);
    this.toleranceMs = verification.clockToleranceSeconds * 1000;
    this.options = {
      issuer: verification.issuer,
      audience: verification.audience,
      algorithms: verification.algorithms,
      clockTolerance: verification.clockToleranceSeconds,
    };
    const { key } = verification;
    if (key instanceof JwksKeySet) {
      key.onRefresh(() => this.cache?.clear());
      this.key = async (header) => this.webCryptoKeys.for(await key.keyFor(header.kid), header.alg);
    } else {
      this.key = (header) => this.webCryptoKeys.for(key, header.alg);
    }
  }

  /** A key object for `secret` (HMAC) or `publicKey` (PEM): made here, once. */
  static keyOf(source: { secret?: string | Buffer; publicKey?: string | Buffer }): KeyObject {
    if (source.secret !== undefined) return createSecretKey(typeof source.secret === 'string' ? Buffer.from(source.secret, 'utf8') : source.secret);
    return createPublicKey(source.publicKey!);
  }

  /** The token's claims; rejects when it does not verify (`McpTokenExpiredError` for an expired one). */
  async verify(token: string): Promise<Record<string, unknown>> {
    const cache = this.cache;
    const digest = cache ? VerifiedTokenCache.keyOf(token) : '';
    if (cache) {
      const claims = cache.get(digest, Date.now(), this.toleranceMs);
      if (claims) return claims;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, this.options);
      const claims = payload as Record<string, unknown>;
      cache?.set(digest, claims, Date.now(), this.toleranceMs);
      return claims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new McpTokenExpiredError(error.message);
      throw error;
    }
  }
}
