import type { StandardSchemaV1 } from '@modelcontextprotocol/server';

/**
 * Whether a value is a Standard Schema (zod 4, valibot, arktype ...): it carries the `~standard`
 * property. arktype's types are functions, so a function may be one too (a DTO class is not).
 */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && '~standard' in value;
}
