import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, it } from 'node:test';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { InterceptorsConsumer } from '@nestjs/core/interceptors/interceptors-consumer.js';
import { catchError, EMPTY, lastValueFrom, map, Observable, of, retry, tap } from 'rxjs';
import { McpInterceptorsConsumer } from './mcp-interceptors.consumer.js';

class Host {
  method() {}
}
const host = new Host();

const interceptor = (intercept: (context: ExecutionContext, next: CallHandler) => Observable<unknown> | Promise<Observable<unknown>>): NestInterceptor => ({ intercept });

/** Nest's own consumer, its result taken as `ExternalContextCreator` takes it. */
async function viaNest(interceptors: NestInterceptor[], handler: () => Promise<unknown>): Promise<unknown> {
  return lastValueFrom((await new InterceptorsConsumer().intercept(interceptors, ['args'], host, host.method, handler, 'mcp')) as Observable<unknown>);
}

function viaOurs(interceptors: NestInterceptor[], handler: () => Promise<unknown>): Promise<unknown> {
  return new McpInterceptorsConsumer(false).intercept(interceptors, ['args'], host, host.method, handler, 'mcp');
}

/** Runs a scenario through both consumers: what each gave, or the error each threw. */
async function both(scenario: () => { interceptors: NestInterceptor[]; handler: () => Promise<unknown>; trace: unknown[] }) {
  const outcome = async (consumer: typeof viaOurs) => {
    const { interceptors, handler, trace } = scenario();
    try {
      return { value: await consumer(interceptors, handler), trace };
    } catch (error) {
      return { error: (error as Error).name + ': ' + (error as Error).message, trace };
    }
  };
  return { nest: await outcome(viaNest), ours: await outcome(viaOurs) };
}

describe('McpInterceptorsConsumer', () => {
  const scenarios: Array<[string, () => { interceptors: NestInterceptor[]; handler: () => Promise<unknown>; trace: unknown[] }]> = [
    [
      'maps the result, interceptors in order around the handler',
      () => {
        const trace: unknown[] = [];
        const outer = interceptor((context, next) => {
          trace.push(`outer:${context.getType()}:${context.getArgByIndex(0)}`);
          return next.handle().pipe(map((value) => `${value}!`), tap(() => trace.push('outer done')));
        });
        const inner = interceptor((_context, next) => (trace.push('inner'), next.handle().pipe(map((value) => `<${value}>`))));
        return { interceptors: [outer, inner], handler: async () => (trace.push('handler'), 'x'), trace };
      },
    ],
    [
      'runs the rest of the chain again on each subscription (retry)',
      () => {
        const trace: unknown[] = [];
        let attempts = 0;
        const handler = async () => {
          trace.push(`attempt ${++attempts}`);
          if (attempts < 3) throw new Error('flaky');
          return 'third time';
        };
        return { interceptors: [interceptor((_context, next) => next.handle().pipe(retry(2)))], handler, trace };
      },
    ],
    [
      'waits for an async intercept()',
      () => ({
        interceptors: [
          interceptor(async (_context, next) => {
            await new Promise((resolve) => setTimeout(resolve, 1));
            return next.handle().pipe(map((value) => `late ${value}`));
          }),
        ],
        handler: async () => 'value',
        trace: [],
      }),
    ],
    ['takes the last value of a handler that returns an observable', () => ({ interceptors: [interceptor((_context, next) => next.handle())], handler: async () => of(1, 2, 3), trace: [] })],
    [
      'passes the handler error to the interceptor, which may answer instead',
      () => ({
        interceptors: [interceptor((_context, next) => next.handle().pipe(catchError((error: Error) => of(`caught ${error.message}`))))],
        handler: async () => {
          throw new Error('boom');
        },
        trace: [],
      }),
    ],
    [
      'rejects with the handler error when nothing catches it',
      () => ({
        interceptors: [interceptor((_context, next) => next.handle())],
        handler: async () => {
          throw new TypeError('bad');
        },
        trace: [],
      }),
    ],
    [
      'lets an interceptor answer without calling the handler',
      () => {
        const trace: unknown[] = [];
        return { interceptors: [interceptor(() => of('cached'))], handler: async () => (trace.push('handler'), 'fresh'), trace };
      },
    ],
    ['rejects with EmptyError when no value comes', () => ({ interceptors: [interceptor(() => EMPTY)], handler: async () => 'never', trace: [] })],
    [
      'rejects with what intercept() throws',
      () => ({
        interceptors: [
          interceptor(() => {
            throw new RangeError('refused');
          }),
        ],
        handler: async () => 'never',
        trace: [],
      }),
    ],
  ];

  for (const [what, scenario] of scenarios) {
    it(`${what}, as Nest's consumer does`, async () => {
      const { nest, ours } = await both(scenario);
      assert.deepEqual(ours, nest);
    });
  }

  it('runs the handler in the async scope next.handle() was called in', async () => {
    const store = new AsyncLocalStorage<string>();
    const seen: Array<string | undefined> = [];
    const handler = async () => (seen.push(store.getStore()), 'ok');
    // Subscribes to the rest of the chain later, from another scope, as a delaying interceptor would.
    const delaying = interceptor((_context, next) => {
      const handled = next.handle();
      return new Observable((subscriber) => {
        setTimeout(() => store.run('elsewhere', () => handled.subscribe(subscriber)), 1);
      });
    });
    assert.equal(await store.run('request', () => viaOurs([delaying], handler)), 'ok');
    assert.equal(await store.run('request', () => viaNest([delaying], handler)), 'ok');
    assert.deepEqual(seen, ['request', 'request']);
  });
});
