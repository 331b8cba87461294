export type JsonSchemaObject = Record<string, unknown> & { type?: unknown; properties?: Record<string, JsonSchemaObject>; required?: string[] };

export type SchemaValidation<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

/** A schema converted once at bootstrap: the JSON Schema clients see, and the validator calls use. */
export interface CompiledSchema {
  readonly jsonSchema: JsonSchemaObject;
  validate(value: unknown): SchemaValidation | Promise<SchemaValidation>;
}
