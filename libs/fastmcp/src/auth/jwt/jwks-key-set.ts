import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * How `JwksKeySet` (and `jwksKeyProvider`) keep a fetched key set.
 *
 * @publicApi
 */
export interface JwksKeyProviderOptions {
  /** How long a fetched key set is trusted. Default 10 minutes. */
  cacheMs?: number;
  /** Least time between two fetches triggered by an unknown `kid` (key rotation). Default 30 s. */
  cooldownMs?: number;
}

/**
 * The public keys of a JWKS URL as key objects, made once per fetch and picked by `kid`. The set
 * is fetched again when it is older than `cacheMs`, or when an unknown `kid` appears (at most
 * once per cooldown, so forged `kid`s cannot make us hammer the authorization server).
 * `onRefresh` listeners hear of every new set: what was verified with the old one is forgotten.
 *
 * @publicApi
 */
export class JwksKeySet {
  private keys = new Map<string | undefined, KeyObject>();
  private fetchedAt = 0;
  private pending: Promise<void> | undefined;
  private readonly listeners: Array<() => void> = [];
  private readonly cacheMs: number;
  private readonly cooldownMs: number;

  constructor(
    private readonly jwksUri: string,
    { cacheMs = 10 * 60_000, cooldownMs = 30_000 }: JwksKeyProviderOptions = {},
  ) {
    this.cacheMs = cacheMs;
    this.cooldownMs = cooldownMs;
  }

  onRefresh(listener: () => void): void {
    this.listeners.push(listener);
  }

  async keyFor(kid: string | undefined): Promise<KeyObject> {
    const age = Date.now() - this.fetchedAt;
    if (age > this.cacheMs || (!this.keys.has(kid) && age > this.cooldownMs)) await this.refresh();
    const key = this.keys.get(kid) ?? (kid === undefined && this.keys.size === 1 ? [...this.keys.values()][0] : undefined);
    if (!key) throw new Error('No signing key matches the token');
    return key;
  }

  private refresh(): Promise<void> {
    return (this.pending ??= this.fetchKeys().finally(() => (this.pending = undefined)));
  }

  private async fetchKeys(): Promise<void> {
    const response = await fetch(this.jwksUri, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`JWKS ${this.jwksUri} answered ${response.status}`);
    const { keys: jwks } = (await response.json()) as { keys?: Array<JsonWebKey & { kid?: string; use?: string }> };
    const next = new Map<string | undefined, KeyObject>();
    for (const jwk of jwks ?? []) {
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      next.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
    }
    this.keys = next;
    this.fetchedAt = Date.now();
    for (const listener of this.listeners) listener();
  }
}
