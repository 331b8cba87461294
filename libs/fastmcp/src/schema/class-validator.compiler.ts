import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { CompiledSchema, JsonSchemaObject } from './compiled-schema.js';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Compiles a class-validator DTO: JSON Schema from its decorators, validation by class-validator. */
export function compileDtoClass(dto: Type<object>): CompiledSchema {
  const jsonSchema = { type: 'object', ...targetConstructorToSchema(dto) } as JsonSchemaObject;
  return {
    jsonSchema,
    async validate(value) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { ok: false, message: 'arguments must be an object' };
      }
      const instance = plainToInstance(dto, value);
      const errors = await validate(instance, { forbidUnknownValues: false });
      return errors.length ? { ok: false, message: flatten(errors).join('; ') } : { ok: true, value: instance };
    },
  };
}
