import type { Type } from '@nestjs/common';
import type { StandardSchemaV1 } from '@modelcontextprotocol/server';

/**
 * What `input`, `output` and prompt `arguments` accept: any Standard Schema that can describe
 * itself as JSON Schema (zod 4, valibot, arktype ...) or a class-validator DTO class.
 *
 * @publicApi
 */
export type McpSchemaInput = StandardSchemaV1 | Type<object>;

/**
 * The handler argument type a schema produces.
 *
 * @publicApi
 */
export type McpInferArgs<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : S extends Type<infer T>
    ? T
    : Record<string, unknown>;

/**
 * What becomes of argument properties a DTO class does not declare: `'reject'` refuses the call
 * naming them (the default for inputs), `'strip'` drops them, `'allow'` passes them on.
 *
 * @publicApi
 */
export type McpUnknownProperties = 'reject' | 'strip' | 'allow';
