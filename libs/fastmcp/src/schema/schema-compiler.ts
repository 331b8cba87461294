import type { Type } from '@nestjs/common';
import type { McpSchemaInput, McpUnknownProperties } from '../interfaces/schema-input.interface.js';
import type { CompiledSchema, JsonSchemaObject } from './compiled-schema.js';
import { compileDtoClass } from './class-validator.compiler.js';
import { compileStandardSchema, isStandardSchema } from './standard-schema.compiler.js';
import { compileJsonSchema, isJsonSchema } from './json-schema.compiler.js';
import { McpConfigurationError } from '../errors/mcp-configuration.error.js';
import { schemaNotObject, unsupportedSchema } from '../errors/mcp.messages.js';

export const EMPTY_OBJECT_SCHEMA: JsonSchemaObject = Object.freeze({ type: 'object', properties: {} }) as JsonSchemaObject;

/**
 * Converts a user schema to JSON Schema plus a validator, once. MCP requires tool input and
 * output schemas to describe objects (spec: server/tools, "inputSchema"), so other roots fail
 * bootstrap with the owner named. `unknown` applies to DTO classes (default: refused on input,
 * kept on output); a Standard Schema decides for itself (zod's `z.object` strips,
 * `z.strictObject` refuses, `z.looseObject` keeps), and so does a JSON Schema
 * (`additionalProperties`).
 */
export function compileSchema(schema: McpSchemaInput, io: 'input' | 'output', owner: string, unknown?: McpUnknownProperties): CompiledSchema {
  const compiled = isStandardSchema(schema)
    ? compileStandardSchema(schema, io, owner)
    : typeof schema === 'function'
      ? compileDtoClass(schema as Type<object>, unknown ?? (io === 'input' ? 'reject' : 'allow'))
      : isJsonSchema(schema)
        ? compileJsonSchema(schema, io, owner)
        : undefined;
  if (!compiled) {
    throw new McpConfigurationError(owner, io, unsupportedSchema(owner));
  }
  if (compiled.jsonSchema.type !== 'object') {
    throw new McpConfigurationError(owner, io, schemaNotObject(owner, io, compiled.jsonSchema.type));
  }
  return compiled;
}
