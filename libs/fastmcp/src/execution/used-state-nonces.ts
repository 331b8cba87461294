/** At most this many nonces are remembered; beyond it the oldest go first (their state is the closest to expiry). */
const MAX_REMEMBERED = 100_000;

/**
 * Nonces of `requestState` already presented, kept until their state has expired anyway: what
 * makes multi-round-trip state single-use on this instance.
 */
export class UsedStateNonces {
  /** Nonce -> when it may be forgotten; a `Map` keeps insertion order, oldest first. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  /** `true` the first time a nonce is presented, `false` after. */
  claim(nonce: string, now = Date.now()): boolean {
    this.forgetExpired(now);
    if (this.seen.has(nonce)) return false;
    if (this.seen.size >= MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(nonce, now + this.ttlMs);
    return true;
  }

  private forgetExpired(now: number): void {
    for (const [nonce, expiresAt] of this.seen) {
      if (expiresAt > now) return;
      this.seen.delete(nonce);
    }
  }
}
