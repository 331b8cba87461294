import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jsonwebtoken, { type Algorithm, type JwtHeader, type VerifyOptions } from 'jsonwebtoken';
import { JwksKeySet } from './jwks-key-set.js';
import { VerifiedTokenCache, type VerifiedTokenCacheOptions } from './verified-token.cache.js';

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
 * until the keys change. The check is jsonwebtoken's, which on a key object verifies at once,
 * on the calling thread: WebCrypto (jose) hands every verification to the thread pool and back,
 * which cost a new token several times the signature check. Why both: docs/performance.md,
 * "Authenticated calls".
 *
 * @publicApi
 */
export class McpJwtVerifier {
  private readonly cache: VerifiedTokenCache | undefined;
  private readonly options: VerifyOptions & { complete?: false };
  private readonly keySet: JwksKeySet | undefined;
  private readonly staticKey: KeyObject | undefined;
  private readonly toleranceMs: number;

  constructor(verification: McpJwtVerification) {
    this.cache = verification.cache === false ? undefined : new VerifiedTokenCache(verification.cache);
    this.toleranceMs = verification.clockToleranceSeconds * 1000;
    this.options = {
      issuer: verification.issuer as VerifyOptions['issuer'],
      audience: verification.audience as VerifyOptions['audience'],
      algorithms: verification.algorithms as Algorithm[],
      clockTolerance: verification.clockToleranceSeconds,
    };
    const { key } = verification;
    if (key instanceof JwksKeySet) {
      this.keySet = key;
      key.onRefresh(() => this.cache?.clear());
    } else {
      this.staticKey = key;
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
    const key = this.staticKey ?? (await this.keySet!.keyFor(headerOf(token).kid));
    let payload: unknown;
    try {
      payload = jsonwebtoken.verify(token, key, this.options);
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') throw new McpTokenExpiredError((error as Error).message);
      throw error;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error('The token payload is not a JSON object');
    const claims = payload as Record<string, unknown>;
    cache?.set(digest, claims, Date.now(), this.toleranceMs);
    return claims;
  }
}

/** The token's JOSE header, read (not trusted) to pick the key set's key by `kid`. */
function headerOf(token: string): JwtHeader {
  const decoded = jsonwebtoken.decode(token, { complete: true });
  if (!decoded) throw new Error('The token is not a JWS in compact form');
  return decoded.header;
}
