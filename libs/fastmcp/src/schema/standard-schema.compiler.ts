import type { StandardSchemaV1 } from '@modelcontextprotocol/server';
import { isStandardSchema } from '../common/standard-schema.js';
import type { CompiledSchema, JsonSchemaObject, SchemaValidation } from './compiled-schema.js';
import { McpConfigurationError } from '../errors/mcp-configuration.error.js';
import { schemaWithoutJsonSchema } from '../errors/mcp.messages.js';

interface StandardJsonSchemaProps {
  input(options: { target: string }): Record<string, unknown>;
  output(options: { target: string }): Record<string, unknown>;
}
type StandardSchemaWithJson = StandardSchemaV1 & { '~standard': { jsonSchema?: StandardJsonSchemaProps } };
/** A schema with its own converter method (arktype's `toJsonSchema()`, from before it implemented Standard JSON Schema). */
type SelfDescribing = { toJsonSchema(): Record<string, unknown> };

/** The schema's JSON Schema: through Standard JSON Schema, else its own `toJsonSchema()`. */
function jsonSchemaOf(schema: StandardSchemaV1, io: 'input' | 'output', owner: string): Record<string, unknown> {
  const converter = (schema as StandardSchemaWithJson)['~standard'].jsonSchema;
  if (converter) return converter[io]({ target: 'draft-2020-12' });
  const { toJsonSchema } = schema as Partial<SelfDescribing>;
  if (typeof toJsonSchema === 'function') return toJsonSchema.call(schema);
  throw new McpConfigurationError(owner, io, schemaWithoutJsonSchema(owner, io, schema['~standard'].vendor));
}

function formatIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function toValidation(result: StandardSchemaV1.Result<unknown>): SchemaValidation {
  return result.issues ? { ok: false, message: formatIssues(result.issues) } : { ok: true, value: result.value };
}

/**
 * Compiles zod 4, arktype, valibot (through `toStandardJsonSchema()` of `@valibot/to-json-schema`)
 * and any other Standard Schema that implements Standard JSON Schema or has `toJsonSchema()`.
 */
export function compileStandardSchema(schema: StandardSchemaV1, io: 'input' | 'output', owner: string): CompiledSchema {
  // `$schema` stays: it tells clients the dialect (MCP 2025-11-25 defaults to 2020-12, SEP-1613).
  const jsonSchema = jsonSchemaOf(schema, io, owner);
  return {
    jsonSchema: jsonSchema as JsonSchemaObject,
    validate(value) {
      const result = schema['~standard'].validate(value);
      return result instanceof Promise ? result.then(toValidation) : toValidation(result);
    },
  };
}

export { isStandardSchema };
