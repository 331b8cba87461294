import type { McpHttpExchange } from '../common/mcp-http-exchange.js';
import { RequestAbort, type AbortNotice } from './request-abort.js';

type CancelListener = (reason: unknown) => void;

/**
 * When one call stops early: the client cancels it (the request's abort), drops its HTTP
 * connection, or the tool's timeout passes; the first of them wins. Listeners and a timer, not
 * an `AbortController` per call: the call's own `AbortSignal` is made only when the handler
 * reads `ctx.signal`, which most handlers never do.
 */
export class CallCancellation {
  /** The call's own stop: the first reason wins, and its signal is made on first read. */
  private readonly stop = new RequestAbort();
  private timer?: NodeJS.Timeout;
  private expired = false;

  constructor(
    private readonly request: AbortNotice,
    exchange?: McpHttpExchange,
    timeoutMs?: number,
  ) {
    if (request.aborted) {
      this.cancel(request.reason);
      return;
    }
    request.addEventListener('abort', () => this.cancel(request.reason), { once: true });
    exchange?.onDisconnect((reason) => this.cancel(reason));
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(() => {
        this.expired = true;
        // The reason `AbortSignal.timeout()` gives, so handlers can tell it apart the usual way.
        this.cancel(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      }, timeoutMs);
      this.timer.unref();
    }
  }

  get aborted(): boolean {
    return this.stop.aborted;
  }

  get reason(): unknown {
    return this.stop.reason;
  }

  /** Whether the call stopped because it ran out of time (not because the client cancelled). */
  get timedOut(): boolean {
    return this.expired && !this.request.aborted;
  }

  /** The call's signal, made on first use (already aborted if the call has stopped). */
  get signal(): AbortSignal {
    return this.stop.signal;
  }

  /** Calls `listener` once the call stops; returns what unsubscribes it. */
  onCancel(listener: CancelListener): () => void {
    const stopped = () => listener(this.stop.reason);
    this.stop.addEventListener('abort', stopped);
    return () => this.stop.removeEventListener('abort', stopped);
  }

  /** The call is over: its timeout no longer runs. */
  dispose(): void {
    clearTimeout(this.timer);
  }

  private cancel(reason: unknown): void {
    if (this.stop.aborted) return;
    clearTimeout(this.timer);
    this.stop.abort(reason);
  }
}
