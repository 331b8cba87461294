import type { ServerContext } from '@modelcontextprotocol/server';
import { ContextSlot } from '../common/context-slot.js';

type AbortListener = () => void;

/** What a call's cancellation listens to: the SDK's request signal, or a {@link RequestAbort}. */
export interface AbortNotice {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: AbortListener, options?: { once?: boolean }): void;
}

/**
 * An `AbortController` whose `AbortSignal` is made only when something reads {@link signal}:
 * the first reason wins, listeners hear of it once. The abort side of one request our server
 * dispatches itself (the SDK's `Protocol` aborts it as it would its own controller, on a client's
 * `notifications/cancelled` or the connection closing), and the stop of one call (`CallCancellation`).
 */
export class RequestAbort implements AbortNotice {
  private stopped = false;
  private why: unknown;
  private listeners?: AbortListener[];
  private controller?: AbortController;

  get aborted(): boolean {
    return this.stopped;
  }

  get reason(): unknown {
    return this.why;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.stopped) this.controller.abort(this.why);
    }
    return this.controller.signal;
  }

  abort(reason?: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    // What an `AbortController` stores when aborted without a reason.
    this.why = reason ?? new DOMException('This operation was aborted', 'AbortError');
    this.controller?.abort(this.why);
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) listener();
  }

  addEventListener(_type: 'abort', listener: AbortListener): void {
    (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: AbortListener): void {
    const index = this.listeners?.indexOf(listener) ?? -1;
    if (index >= 0) this.listeners!.splice(index, 1);
  }
}

const requestAbortSlot = new ContextSlot<RequestAbort>('RequestAbort');

/** Binds the abort of the request `ctx` serves (see `ContextSlot`). */
export function bindRequestAbort<C extends ServerContext>(ctx: C, abort: RequestAbort): C {
  return requestAbortSlot.bind(ctx, abort);
}

/** What tells a call in `ctx` it was aborted, without making the request's `AbortSignal` when it can. */
export function abortNoticeOf(ctx: ServerContext): AbortNotice {
  return requestAbortSlot.of(ctx) ?? ctx.mcpReq.signal;
}
