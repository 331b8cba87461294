/**
 * Nest's `ExternalContextCreator` internals this library uses, in one place: a view of the app's
 * creator with its interceptors consumer (a private field) replaced. Everything else the view
 * overrides is public API (`createGuardsFn`, `transformToResult`). A probe
 * (`nestContextCreatorSupport`) exercises the view against the installed Nest at bootstrap.
 */
import type { ExternalContextCreator } from '@nestjs/core';

/** What `ExternalContextCreator.create` calls on its interceptors consumer. */
export interface InterceptorsConsumerLike {
  intercept(interceptors: unknown[], args: unknown[], instance: object, callback: (...args: unknown[]) => unknown, next: () => Promise<unknown>, type?: string): Promise<unknown>;
}

export interface ContextCreatorParts {
  readonly interceptors: InterceptorsConsumerLike;
  readonly createGuardsFn: ExternalContextCreator['createGuardsFn'];
  readonly transformToResult: (result: unknown) => unknown;
}

/**
 * A context creator for MCP handlers alone: the app's (its prototype), with these consumers. The
 * app's own instance is shared with other integrations (microservices, GraphQL) and stays as it is.
 */
export function contextCreatorWith(base: ExternalContextCreator, parts: ContextCreatorParts): ExternalContextCreator {
  const creator = Object.create(base) as ExternalContextCreator;
  (creator as unknown as { interceptorsConsumer: InterceptorsConsumerLike }).interceptorsConsumer = parts.interceptors;
  creator.createGuardsFn = parts.createGuardsFn;
  creator.transformToResult = parts.transformToResult as ExternalContextCreator['transformToResult'];
  return creator;
}

class ProbeHost {
  method(...args: unknown[]): unknown {
    return { echoed: args };
  }
}

/**
 * Whether the installed Nest composes handlers through what the view replaces: its `create`
 * asks `createGuardsFn` for the guards, runs the handler through the interceptors consumer and
 * hands the result to `transformToResult`. Exercised with stand-ins that run none of the app's
 * enhancers (no guard, interceptor, pipe or filter of the app sees the probe).
 */
export async function nestContextCreatorSupport(base: ExternalContextCreator): Promise<boolean> {
  try {
    const seen: string[] = [];
    const creator = contextCreatorWith(base, {
      createGuardsFn: () => {
        seen.push('guards');
        return null;
      },
      interceptors: {
        intercept: (_interceptors, args, _instance, _callback, next) => {
          seen.push(`interceptors:${args.length}`);
          return next();
        },
      },
      transformToResult: (result) => {
        seen.push('result');
        return result;
      },
    });
    const host = new ProbeHost();
    const composed = creator.create(host, host.method, 'method', 'mcp:probe', undefined, undefined, undefined, { guards: true, interceptors: true, filters: false }, 'mcp:probe');
    const result = (await composed('a', 'b')) as { echoed?: unknown[] };
    return seen.join(',') === 'guards,interceptors:2,result' && JSON.stringify(result?.echoed) === '["a","b"]';
  } catch {
    return false;
  }
}
