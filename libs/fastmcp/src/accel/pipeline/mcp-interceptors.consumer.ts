import { AsyncResource } from 'node:async_hooks';
import { StreamableFile, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { EmptyError, from, isObservable, Observable, type Subscriber, type TeardownLogic, type Unsubscribable } from 'rxjs';
import { McpCallExecutionContext } from './mcp-call-execution-context.js';

type Handler = () => Promise<unknown>;

/** One call's interceptor chain. */
interface Chain {
  readonly interceptors: readonly NestInterceptor[];
  readonly context: ExecutionContext;
  readonly handler: Handler;
}

/**
 * Nest's interceptor chain around MCP handlers, with the same contract as its own consumer:
 * interceptors run in order, each `next.handle()` is cold (every subscription runs the rest of
 * the chain again, so retrying interceptors work), and the rest of the chain runs in the async
 * scope `handle()` was called in (AsyncLocalStorage stores included). Per call it builds one
 * plain `Observable` per stage instead of `defer` + `mergeAll` with promise conversions, and
 * collects the call's last value directly instead of through `lastValueFrom`: Nest's RxJS stages
 * were most of what its pipeline cost per call (docs/performance.md, "Interceptor consumer").
 */
export class McpInterceptorsConsumer {
  /** `compact`: handlers are invoked with the call's own `(args, ctx)` (see `McpCallExecutionContext`). */
  constructor(private readonly compact: boolean) {}

  /** What `ExternalContextCreator` calls on its interceptors consumer, with the same arguments. */
  async intercept(
    interceptors: NestInterceptor[],
    args: unknown[],
    instance: object,
    callback: (...args: unknown[]) => unknown,
    next: Handler,
    type?: string,
  ): Promise<unknown> {
    if (!interceptors || interceptors.length === 0) return next();
    const context = new McpCallExecutionContext(args, this.compact, instance.constructor as Type<unknown>, callback, type as string);
    return lastValue(new Observable((subscriber) => run({ interceptors, context, handler: next }, 0, subscriber)));
  }
}

/** The chain from interceptor `i` on, as `next.handle()` hands it out: run in the scope of that call. */
function rest(chain: Chain, i: number): Observable<unknown> {
  const scope = new AsyncResource('bound-anonymous-fn');
  return new Observable((subscriber) => scope.runInAsyncScope(run, undefined, chain, i, subscriber));
}

function run(chain: Chain, i: number, subscriber: Subscriber<unknown>): TeardownLogic {
  if (i === chain.interceptors.length) return settle(chain.handler(), subscriber);
  const next: CallHandler = { handle: () => rest(chain, i + 1) };
  let intercepted: unknown;
  try {
    intercepted = chain.interceptors[i]!.intercept(chain.context, next);
  } catch (error) {
    subscriber.error(error);
    return;
  }
  if (isObservable(intercepted)) return intercepted.subscribe(subscriber);
  // An `async intercept()`: its observable arrives later.
  return follow(Promise.resolve(intercepted), subscriber);
}

/** The handler's result: its values if it is a promise or an observable, else itself. */
/** A streamed body that will not be sent still holds what it reads from (an open file): release it, as Nest does. */
function destroyUnsentBody(value: unknown): void {
  if (value instanceof StreamableFile) (value.getStream() as { destroy?: () => void } | undefined)?.destroy?.();
}

function settle(result: Promise<unknown>, subscriber: Subscriber<unknown>): TeardownLogic {
  return follow(result, subscriber, (value) => {
    if (subscriber.closed) return destroyUnsentBody(value);
    if (value instanceof Promise || isObservable(value)) return from(value).subscribe(subscriber);
    subscriber.next(value);
    subscriber.complete();
  });
}

/** Hands what `pending` resolves to to `arrived` (default: subscribes to it), its failure to `subscriber`. */
function follow(pending: Promise<unknown>, subscriber: Subscriber<unknown>, arrived: (value: unknown) => Unsubscribable | void = (source) => subscribeTo(source, subscriber)): TeardownLogic {
  let inner: Unsubscribable | void;
  pending.then(
    (value) => {
      try {
        inner = arrived(value);
      } catch (error) {
        subscriber.error(error);
      }
    },
    (error: unknown) => {
      if (!subscriber.closed) subscriber.error(error);
    },
  );
  return () => inner?.unsubscribe();
}

function subscribeTo(source: unknown, subscriber: Subscriber<unknown>): Unsubscribable | void {
  if (!subscriber.closed) return from(source as Observable<unknown>).subscribe(subscriber);
}

/** What `lastValueFrom` gives: the last value once the source completes, `EmptyError` if none came. */
function lastValue(source: Observable<unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let seen = false;
    let last: unknown;
    source.subscribe({
      next: (value) => {
        seen = true;
        last = value;
      },
      error: reject,
      complete: () => (seen ? resolve(last) : reject(new EmptyError())),
    });
  });
}
