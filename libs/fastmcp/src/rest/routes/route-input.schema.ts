import type { Type } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { compileDtoClass } from '../../schema/class-validator.compiler.js';
import type { JsonSchemaObject } from '../../schema/compiled-schema.js';
import type { RouteDescription } from './route-description.js';

type Property = Record<string, unknown>;

/**
 * The tool's input schema for a route: path parameters (required strings) and query parameters
 * at the top level, the body under `body` (its DTO's schema, from class-validator's decorators,
 * with `@ApiProperty` descriptions and examples of `@nestjs/swagger` added). Validation stays
 * with the route's own pipes: the schema describes, the route decides.
 */
export function routeInputSchema(route: RouteDescription): JsonSchemaObject {
  const properties: Record<string, Property> = {};
  const required: string[] = [];
  for (const param of route.params) {
    properties[param] = { type: 'string', description: `Path parameter \`${param}\`` };
    required.push(param);
  }
  if (route.queryDto) {
    const schema = dtoSchema(route.queryDto);
    Object.assign(properties, schema.properties);
    required.push(...((schema.required as string[] | undefined) ?? []));
  }
  for (const { name, type } of route.query) properties[name] ??= { type, description: `Query parameter \`${name}\`` };
  if (route.body === true) properties.body = { type: 'object', description: 'The request body' };
  else if (route.body) {
    properties.body = { ...dtoSchema(route.body), description: 'The request body' };
    required.push('body');
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) } as JsonSchemaObject;
}

function dtoSchema(dto: Type): Property {
  const schema = compileDtoClass(dto, 'allow').jsonSchema as Property;
  const properties = (schema.properties ?? {}) as Record<string, Property>;
  for (const name of Object.keys(properties)) {
    const swagger = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dto.prototype, name) as { description?: string; example?: unknown } | undefined;
    if (swagger?.description && properties[name]!.description === undefined) properties[name]!.description = swagger.description;
    if (swagger?.example !== undefined) properties[name]!.examples = [swagger.example];
  }
  return schema;
}
