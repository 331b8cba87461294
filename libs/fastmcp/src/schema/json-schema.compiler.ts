import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { McpJsonSchema } from '../interfaces/schema-input.interface.js';
import { McpConfigurationError } from '../errors/mcp-configuration.error.js';
import { invalidJsonSchema } from '../errors/mcp.messages.js';
import type { CompiledSchema, JsonSchemaObject, SchemaValidation } from './compiled-schema.js';

/**
 * One validator compiler for every JSON Schema of the app. `addUsedSchema: false`: two tools may
 * carry schemas with the same `$id` without one replacing the other. `strict: false`: keywords
 * Ajv does not know (annotations, vendor extensions clients read) are allowed, as JSON Schema
 * allows them. Defaults are not applied: the handler gets what the client sent, as with zod.
 */
let ajv: Ajv2020 | undefined;
function compiler(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: false, addUsedSchema: false });
    // `format` is checked (date-time, email, uri ...), as zod's string formats are. The package
    // is CommonJS: its default export is `module.exports`, which carries the plugin as `default`.
    addFormats.default(ajv);
  }
  return ajv;
}

/** Whether a schema option is a plain JSON Schema object (not a Standard Schema, not a class). */
export function isJsonSchema(schema: unknown): schema is McpJsonSchema {
  if (typeof schema !== 'object' || schema === null || '~standard' in schema) return false;
  const prototype = Object.getPrototypeOf(schema);
  return prototype === Object.prototype || prototype === null;
}

/** `/user/tags/0` → `user.tags.0`, the path form the other schema styles report. */
function pathOf(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty !== undefined) segments.push(params.missingProperty);
  if (error.keyword === 'additionalProperties' && params.additionalProperty !== undefined) segments.push(params.additionalProperty);
  return segments.join('.');
}

/**
 * The failures a client can act on. An `if` failure only says "must match then": the failure
 * inside the `then` branch, reported beside it, names the field.
 */
function formatErrors(errors: readonly ErrorObject[]): string {
  const lines = errors.filter((error) => error.keyword !== 'if').map((error) => {
    const path = pathOf(error);
    const message = error.keyword === 'required' ? 'is required' : error.keyword === 'additionalProperties' ? 'is not allowed' : (error.message ?? 'is invalid');
    return path ? `${path}: ${message}` : message;
  });
  return [...new Set(lines)].join('; ');
}

/** Compiles a JSON Schema (2020-12) once: published as given, validated with Ajv. */
export function compileJsonSchema(schema: McpJsonSchema, io: 'input' | 'output', owner: string): CompiledSchema {
  let validate: ValidateFunction;
  try {
    validate = compiler().compile(schema);
  } catch (error) {
    throw new McpConfigurationError(owner, io, invalidJsonSchema(owner, io, error instanceof Error ? error.message : String(error)));
  }
  return {
    jsonSchema: schema as JsonSchemaObject,
    validate(value): SchemaValidation {
      return validate(value) ? { ok: true, value } : { ok: false, message: formatErrors(validate.errors ?? []) };
    },
  };
}
