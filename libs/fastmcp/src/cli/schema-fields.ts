/** JSON Schema, as far as a one-line summary of a tool's input reads it. */
interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
}

/** A property's type in a few characters: `number`, `string[]`, `"a"|"b"`, `string|null`. */
export function typeOf(node: SchemaNode | undefined): string {
  if (node === undefined) return 'any';
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join('|');
  if (node.const !== undefined) return JSON.stringify(node.const);
  const union = node.anyOf ?? node.oneOf;
  if (union) return union.map(typeOf).join('|');
  if (Array.isArray(node.type)) return node.type.join('|');
  if (node.type === 'array') return `${typeOf(node.items)}[]`;
  return node.type ?? 'any';
}

/** The required and the optional properties of an object schema, as `name: type` entries. */
export function fieldsOf(schema: unknown): { required: string[]; optional: string[] } {
  const node = (schema ?? {}) as SchemaNode;
  const required = new Set(node.required ?? []);
  const result = { required: [] as string[], optional: [] as string[] };
  for (const [name, property] of Object.entries(node.properties ?? {})) {
    (required.has(name) ? result.required : result.optional).push(`${name}: ${typeOf(property)}`);
  }
  return result;
}
