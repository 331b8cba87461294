import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** @publicApi */
export interface JwksKeyProviderOptions {
  /** How long a fetched key set is trusted. Default 10 minutes. */
  cacheMs?: number;
  /** Least time between two fetches triggered by an unknown `kid` (key rotation). Default 30 s. */
  cooldownMs?: number;
}

type Done = (error: Error | null, key?: KeyObject) => void;

/**
 * A passport-jwt `secretOrKeyProvider` over a JWKS URL: picks the public key by the token's
 * `kid`, caches the set, refetches it when an unknown `kid` appears (at most once per cooldown,
 * so forged `kid`s cannot make us hammer the authorization server).
 *
 * @publicApi
 */
export function jwksKeyProvider(jwksUri: string, { cacheMs = 10 * 60_000, cooldownMs = 30_000 }: JwksKeyProviderOptions = {}) {
  let keys = new Map<string | undefined, KeyObject>();
  let fetchedAt = 0;
  let pending: Promise<void> | undefined;

  const refresh = () =>
    (pending ??= (async () => {
      try {
        const response = await fetch(jwksUri, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
        if (!response.ok) throw new Error(`JWKS ${jwksUri} answered ${response.status}`);
        const { keys: jwks } = (await response.json()) as { keys?: Array<JsonWebKey & { kid?: string; use?: string }> };
        const next = new Map<string | undefined, KeyObject>();
        for (const jwk of jwks ?? []) {
          if (jwk.use !== undefined && jwk.use !== 'sig') continue;
          next.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
        }
        keys = next;
        fetchedAt = Date.now();
      } finally {
        pending = undefined;
      }
    })());

  const keyFor = async (kid: string | undefined): Promise<KeyObject> => {
    const age = Date.now() - fetchedAt;
    if (age > cacheMs || (!keys.has(kid) && age > cooldownMs)) await refresh();
    const key = keys.get(kid) ?? (kid === undefined && keys.size === 1 ? [...keys.values()][0] : undefined);
    if (!key) throw new Error('No signing key matches the token');
    return key;
  };

  return (_request: unknown, rawJwt: string, done: Done): void => {
    let kid: string | undefined;
    try {
      kid = (JSON.parse(Buffer.from(rawJwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: string }).kid;
    } catch {
      return done(new Error('Malformed token header'));
    }
    keyFor(kid).then(
      (key) => done(null, key),
      (error: Error) => done(error),
    );
  };
}
