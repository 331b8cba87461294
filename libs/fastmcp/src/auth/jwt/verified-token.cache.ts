import { hash } from 'node:crypto';

/** How long and how many verified tokens are remembered. */
export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered; the least recently used is forgotten first. Default 10,000. */
  maxEntries?: number;
  /** Longest a verified token is trusted without checking its signature again. Default 60 s. */
  maxAgeMs?: number;
}

interface Entry {
  claims: Record<string, unknown>;
  /** Until when the entry may answer: the earlier of the token's `exp` and the cache's own limit (ms). */
  validUntil: number;
  /** The token's `nbf` in ms, checked again on every use. */
  notBefore: number;
}

/**
 * Claims of tokens whose signature and claims were verified, keyed by the token's SHA-256
 * digest (the token itself, a bearer credential, is never kept). An entry answers only until
 * the earlier of the token's `exp` and `maxAgeMs`, and `exp` / `nbf` are checked again on every
 * use; `clear()` forgets everything when the signing keys change. A signature check of a token
 * seen before is the largest cost of an authenticated call: see docs/performance.md,
 * "Authenticated calls".
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor({ maxEntries = 10_000, maxAgeMs = 60_000 }: VerifiedTokenCacheOptions = {}) {
    this.maxEntries = maxEntries;
    this.maxAgeMs = maxAgeMs;
  }

  static keyOf(token: string): string {
    // The one-shot digest: no Hash object per call.
    return hash('sha256', token, 'base64');
  }

  /** The claims of a token verified before, if its entry still answers at `now` (ms, clock skew already applied by the caller). */
  get(key: string, now: number, toleranceMs: number): Record<string, unknown> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now >= entry.validUntil || now + toleranceMs < entry.notBefore) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order, so the first key is the eviction candidate.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.claims;
  }

  set(key: string, claims: Record<string, unknown>, now: number, toleranceMs: number): void {
    if (this.maxEntries <= 0 || this.maxAgeMs <= 0) return;
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 + toleranceMs : Infinity;
    const notBefore = typeof claims.nbf === 'number' ? claims.nbf * 1000 : -Infinity;
    this.entries.delete(key);
    this.entries.set(key, { claims, validUntil: Math.min(exp, now + this.maxAgeMs), notBefore });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
