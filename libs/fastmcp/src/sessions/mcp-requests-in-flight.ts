import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';

/** How long shutdown waits for requests in flight before it closes sessions anyway. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * The MCP POST requests this process is answering. Shutdown waits for them (bounded) before it
 * closes sessions and their streams, so a call in flight finishes instead of being cut off while
 * the load balancer already sends new requests elsewhere (readiness answers 503 from the start).
 */
@Injectable()
export class McpRequestsInFlight {
  private count = 0;
  private idleWaiters: (() => void)[] = [];

  track(res: ServerResponse): void {
    this.count++;
    res.once('close', this.done);
  }

  get size(): number {
    return this.count;
  }

  /** Resolves once no request is in flight, or after `timeoutMs`. */
  idle(timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.idleWaiters.push(() => (clearTimeout(timer), resolve()));
    });
  }

  private readonly done = (): void => {
    if (--this.count > 0) return;
    for (const wake of this.idleWaiters.splice(0)) wake();
  };
}
