import type { McpPromptOptions } from '../interfaces/mcp-prompt-options.interface.js';
import type { McpToolOptions } from '../interfaces/mcp-tool-options.interface.js';
import type { McpInferArgs, McpInferOutput, McpSchemaInput } from '../interfaces/schema-input.interface.js';

/** Type-only mark of options made by `tool()` / `prompt()`: it never exists at run time. */
declare const HANDLER_SCHEMAS: unique symbol;

/**
 * Tool options that remember their schemas' types, so `@McpTool()` checks the method against
 * them (made by {@link tool}).
 *
 * @publicApi
 */
export type McpTypedToolOptions<I extends McpSchemaInput | undefined, O extends McpSchemaInput | undefined> = McpToolOptions<I> & {
  readonly output?: O;
  readonly [HANDLER_SCHEMAS]: { readonly input: I; readonly output: O };
};

/**
 * Prompt options that remember their arguments schema's type (made by {@link prompt}).
 *
 * @publicApi
 */
export type McpTypedPromptOptions<A extends McpSchemaInput | undefined> = McpPromptOptions<A> & {
  readonly [HANDLER_SCHEMAS]: { readonly arguments: A };
};

/**
 * What a tool with `output` schema `O` returns (or resolves to); anything without one.
 *
 * @publicApi
 */
export type McpToolReturn<O extends McpSchemaInput | undefined> = O extends McpSchemaInput ? McpInferOutput<O> : unknown;

/**
 * A method decorator that accepts only methods whose first parameter takes `Args` and whose
 * result is `Result` (or a promise of it). Later parameters (the `McpContext`...) are free.
 *
 * @publicApi
 */
export type McpTypedMethodDecorator<Args, Result> = <M extends (args: Args, ...rest: never[]) => Result | Promise<Result>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => TypedPropertyDescriptor<M> | void;

/**
 * Tool options whose schemas type the method: `@McpTool(tool({ input: z.object({ a: z.number() }) }))`
 * makes a method whose first parameter does not take `{ a: number }` a compile error, and with
 * `output`, a method returning something else. A JSON Schema written in place is read as a
 * literal (see `McpJsonSchemaValue`). It returns `options` unchanged.
 *
 * @publicApi
 */
export function tool<const I extends McpSchemaInput | undefined = undefined, const O extends McpSchemaInput | undefined = undefined>(
  options: McpToolOptions<I> & { readonly output?: O },
): McpTypedToolOptions<I, O> {
  return options as McpTypedToolOptions<I, O>;
}

/**
 * Prompt options whose `arguments` schema types the method (see {@link tool}).
 *
 * @publicApi
 */
export function prompt<const A extends McpSchemaInput | undefined = undefined>(options: McpPromptOptions<A>): McpTypedPromptOptions<A> {
  return options as McpTypedPromptOptions<A>;
}

/** The argument type of typed tool or prompt options. */
export type McpTypedArgs<S extends McpSchemaInput | undefined> = S extends McpSchemaInput ? McpInferArgs<S> : Record<string, never>;
