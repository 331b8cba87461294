/**
 * The TypeScript type of the values a JSON Schema literal describes, for typing handlers from a
 * schema written in place (`tool({ input: { type: 'object', ... } })`, or any schema declared
 * `as const`). It reads `const`, `enum`, `type` (object with `properties` / `required`, array
 * with `items`, the primitives); anything else (`$ref`, `oneOf`, conditionals) is `unknown`,
 * which still holds whatever the validator lets through.
 *
 * @publicApi
 */
export type McpJsonSchemaValue<S> = S extends { readonly const: infer C }
  ? C
  : S extends { readonly enum: readonly (infer E)[] }
    ? E
    : S extends { readonly type: 'object' }
      ? JsonSchemaObjectValue<S>
      : S extends { readonly type: 'array'; readonly items: infer I }
        ? McpJsonSchemaValue<I>[]
        : S extends { readonly type: 'string' }
          ? string
          : S extends { readonly type: 'number' | 'integer' }
            ? number
            : S extends { readonly type: 'boolean' }
              ? boolean
              : S extends { readonly type: 'null' }
                ? null
                : unknown;

type RequiredKeys<S> = S extends { readonly required: readonly (infer K extends string)[] } ? K : never;

type Flatten<T> = { [K in keyof T]: T[K] } & {};

type JsonSchemaObjectValue<S> = S extends { readonly properties: infer P }
  ? Flatten<
      { -readonly [K in keyof P & RequiredKeys<S>]: McpJsonSchemaValue<P[K]> } & {
        -readonly [K in Exclude<keyof P, RequiredKeys<S>>]?: McpJsonSchemaValue<P[K]>;
      }
    >
  : Record<string, unknown>;
