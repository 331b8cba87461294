import type { Type } from '@nestjs/common';
import type { StandardSchemaV1 } from '@modelcontextprotocol/server';
import type { McpJsonSchemaValue } from './json-schema-value.interface.js';

export type { McpJsonSchemaValue } from './json-schema-value.interface.js';

/**
 * A JSON Schema (2020-12) object, published to clients as given and validated with Ajv.
 *
 * @publicApi
 */
export interface McpJsonSchema {
  readonly $schema?: string;
  readonly type?: string | readonly string[];
  readonly [keyword: string]: unknown;
}

/**
 * What `input`, `output` and prompt `arguments` accept: any Standard Schema that can describe
 * itself as JSON Schema (zod 4, arktype, valibot through `toStandardJsonSchema()` ...), a
 * class-validator DTO class, or a JSON Schema object.
 *
 * @publicApi
 */
export type McpSchemaInput = StandardSchemaV1 | Type<object> | McpJsonSchema;

/**
 * The handler argument type a schema produces.
 *
 * @publicApi
 */
export type McpInferArgs<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : S extends Type<infer T>
    ? T
    : S extends McpJsonSchema
      ? McpJsonSchemaValue<S>
      : Record<string, unknown>;

/**
 * The value a schema describes, for outputs: what a tool with that `output` must return.
 *
 * @publicApi
 */
export type McpInferOutput<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferInput<S>
  : S extends Type<infer T>
    ? T
    : S extends McpJsonSchema
      ? McpJsonSchemaValue<S>
      : Record<string, unknown>;

/**
 * What becomes of argument properties a DTO class does not declare: `'reject'` refuses the call
 * naming them (the default for inputs), `'strip'` drops them, `'allow'` passes them on.
 *
 * @publicApi
 */
export type McpUnknownProperties = 'reject' | 'strip' | 'allow';
