import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { McpUnknownProperties } from '../interfaces/schema-input.interface.js';
import type { CompiledSchema, JsonSchemaObject } from './compiled-schema.js';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * Compiles a class-validator DTO: JSON Schema from its decorators, validation by class-validator.
 * `unknown` says what becomes of properties the DTO does not declare: refused (and the schema
 * says `additionalProperties: false`), stripped, or kept (class-validator's own default).
 */
export function compileDtoClass(dto: Type<object>, unknown: McpUnknownProperties): CompiledSchema {
  const jsonSchema = { type: 'object', ...targetConstructorToSchema(dto) } as JsonSchemaObject;
  if (unknown === 'reject') jsonSchema.additionalProperties = false;
  const options = { forbidUnknownValues: false, whitelist: unknown !== 'allow', forbidNonWhitelisted: unknown === 'reject' };
  return {
    jsonSchema,
    async validate(value) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { ok: false, message: 'arguments must be an object' };
      }
      const instance = plainToInstance(dto, value);
      const errors = await validate(instance, options);
      return errors.length ? { ok: false, message: flatten(errors).join('; ') } : { ok: true, value: instance };
    },
  };
}
