import { Injectable } from '@nestjs/common';
import type { ServerContext } from '@modelcontextprotocol/server';
import type { McpServeScope } from '../common/mcp-serve-scope.js';

/** One request a server's handler is about to serve, as an observer sees it. */
export interface McpObservedRequest {
  readonly method: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * Something that watches requests being served (metrics, traces, request logs): it runs `serve`
 * and returns what it returns, or rethrows what it throws. What the client gets must not change.
 */
export interface McpRequestObserver {
  observe<R>(request: McpObservedRequest, ctx: ServerContext, scope: McpServeScope, serve: () => R | Promise<R>): Promise<R>;
}

/** A request handler of any method (a method's signature, so one taking a narrower request fits). */
export type McpObservableHandler = { handle(request: McpObservedRequest, ctx: ServerContext): unknown }['handle'];

/**
 * The seam through which an observability module watches the handlers of every server the
 * factory makes. Decided when a server is made: with nobody observing, the handlers are
 * registered as they are, and a call pays nothing.
 */
@Injectable()
export class McpRequestObservers {
  private readonly observers: McpRequestObserver[] = [];

  add(observer: McpRequestObserver): void {
    this.observers.push(observer);
  }

  /** `handler`, served through every observer; an observed handler answers with a promise. */
  wrap<H extends McpObservableHandler>(scope: McpServeScope, handler: H): H {
    let wrapped: McpObservableHandler = handler;
    for (const observer of this.observers) {
      const inner = wrapped;
      wrapped = (request, ctx) => observer.observe(request, ctx, scope, () => inner(request, ctx));
    }
    return wrapped as H;
  }
}
