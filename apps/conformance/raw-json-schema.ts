import type { StandardSchemaV1 } from '@modelcontextprotocol/server';

type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * A hand-written JSON Schema as a Standard Schema, for inputs no schema library can express
 * (the `json-schema-2020-12` scenario needs `$schema`, `$anchor`, `if`/`then`/`else` verbatim).
 * It publishes the schema as is and accepts any object: the scenarios never call the tool.
 */
export function rawJsonSchema(schema: JsonSchema): StandardSchemaV1<Record<string, unknown>> {
  return {
    '~standard': {
      version: 1,
      vendor: 'raw-json-schema',
      validate: (value) =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? { value: value as Record<string, unknown> }
          : { issues: [{ message: 'Expected an object' }] },
      jsonSchema: { input: () => ({ ...schema }), output: () => ({ ...schema }) },
    } as StandardSchemaV1<Record<string, unknown>>['~standard'],
  };
}
