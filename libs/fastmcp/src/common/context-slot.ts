import type { ServerContext } from '@modelcontextprotocol/server';

/**
 * A value carried on the SDK's handler context under a symbol of its own. A symbol property,
 * because the SDK copies contexts by spreading them (multi-round-trip state, input responses):
 * it survives that, and it never reaches the wire.
 */
export class ContextSlot<T> {
  private readonly key: symbol;

  constructor(name: string) {
    this.key = Symbol(name);
  }

  /** Puts `value` on `ctx` itself (nothing if it is `undefined`), and returns `ctx`. */
  bind<C extends ServerContext>(ctx: C, value: T | undefined): C {
    if (value !== undefined) (ctx as Record<symbol, unknown>)[this.key] = value;
    return ctx;
  }

  /** A copy of `ctx` carrying `value`: `ctx` itself is not touched. */
  with(ctx: ServerContext, value: T): ServerContext {
    return Object.assign({}, ctx, { [this.key]: value });
  }

  of(ctx: ServerContext): T | undefined {
    return (ctx as ServerContext & Record<symbol, unknown>)[this.key] as T | undefined;
  }
}
