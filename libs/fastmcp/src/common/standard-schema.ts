import type { StandardSchemaV1 } from '@modelcontextprotocol/server';

/** Whether a value is a Standard Schema (zod 4, valibot, arktype ...): it carries the `~standard` property. */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return typeof value === 'object' && value !== null && '~standard' in value;
}
