import type { ResolvedMcpOptions } from '../options/mcp-options.js';

/** A session whose idle timeout is off still expires from Redis after a day of silence. */
const FALLBACK_SESSION_TTL_MS = 24 * 60 * 60_000;

/** How long Redis keeps what belongs to a 2025-era session after its last request. */
export function sessionTtlMs(options: ResolvedMcpOptions): number {
  return options.sessionIdleTimeoutMs > 0 ? options.sessionIdleTimeoutMs : FALLBACK_SESSION_TTL_MS;
}

/** Every key and channel the Redis module uses, under the configured prefix. */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  /** Hash: a 2025-era session's handshake, log level, principal and `closed` mark. */
  session(sessionId: string): string {
    return `${this.prefix}session:${sessionId}`;
  }

  /** Set: the resource URIs a session's client subscribed to. */
  subscriptions(sessionId: string): string {
    return `${this.prefix}session:${sessionId}:subscriptions`;
  }

  /** Stream: a session's SSE events, for `Last-Event-ID` on any instance. */
  events(sessionId: string): string {
    return `${this.prefix}session:${sessionId}:events`;
  }

  /** String: the base URL of the instance that serves a session. */
  owner(sessionId: string): string {
    return `${this.prefix}session:${sessionId}:owner`;
  }

  /** Pub/sub channel of change events (list_changed, resource updates). */
  get changes(): string {
    return `${this.prefix}changes`;
  }
}
