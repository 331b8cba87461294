import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSchema } from './schema-compiler.js';

const ORDER = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    item: { type: 'object', properties: { sku: { type: 'string', minLength: 3 }, qty: { type: 'integer', minimum: 1 } }, required: ['sku', 'qty'] },
  },
  properties: {
    items: { type: 'array', items: { $ref: '#/$defs/item' }, minItems: 1 },
    payment: {
      oneOf: [
        { type: 'object', properties: { card: { type: 'string', pattern: '^[0-9]{16}$' } }, required: ['card'], additionalProperties: false },
        { type: 'object', properties: { iban: { type: 'string' } }, required: ['iban'], additionalProperties: false },
      ],
    },
    delivery: { enum: ['pickup', 'courier'] },
    address: { type: 'string' },
    email: { type: 'string', format: 'email' },
  },
  required: ['items'],
  if: { properties: { delivery: { const: 'courier' } }, required: ['delivery'] },
  then: { required: ['address'] },
  additionalProperties: false,
} as const;

const TOOL = 'Tool "order" (Shop.order)';

describe('compileSchema with a JSON Schema object', () => {
  it('publishes the schema as given', () => {
    assert.deepEqual(compileSchema(ORDER, 'input', TOOL).jsonSchema, ORDER);
  });

  it('accepts a value the schema allows, unchanged', async () => {
    const value = { items: [{ sku: 'abc', qty: 2 }], payment: { card: '4111111111111111' }, delivery: 'courier', address: '1 Main St' };
    assert.deepEqual(await compileSchema(ORDER, 'input', TOOL).validate(value), { ok: true, value });
  });

  it('names the failing field through $defs references', async () => {
    const failed = await compileSchema(ORDER, 'input', TOOL).validate({ items: [{ sku: 'abc', qty: 0 }] });
    assert.deepEqual(failed, { ok: false, message: 'items.0.qty: must be >= 1' });
  });

  it('names a missing required field', async () => {
    const failed = await compileSchema(ORDER, 'input', TOOL).validate({ items: [{ qty: 1 }] });
    assert.deepEqual(failed, { ok: false, message: 'items.0.sku: is required' });
  });

  it('applies if/then, naming the field the then branch requires', async () => {
    const failed = await compileSchema(ORDER, 'input', TOOL).validate({ items: [{ sku: 'abc', qty: 1 }], delivery: 'courier' });
    assert.deepEqual(failed, { ok: false, message: 'address: is required' });
  });

  it('refuses a value matching no branch of oneOf, naming the field', async () => {
    const failed = await compileSchema(ORDER, 'input', TOOL).validate({ items: [{ sku: 'abc', qty: 1 }], payment: { card: '12' } });
    assert.equal(failed.ok, false);
    assert.match((failed as { message: string }).message, /^payment\.card: must match pattern/);
    assert.match((failed as { message: string }).message, /payment: must match exactly one schema in oneOf/);
  });

  it('refuses undeclared properties when additionalProperties is false', async () => {
    const failed = await compileSchema(ORDER, 'input', TOOL).validate({ items: [{ sku: 'abc', qty: 1 }], coupon: 'X' });
    assert.deepEqual(failed, { ok: false, message: 'coupon: is not allowed' });
  });

  it('checks formats', async () => {
    const failed = await compileSchema(ORDER, 'input', TOOL).validate({ items: [{ sku: 'abc', qty: 1 }], email: 'not-an-address' });
    assert.deepEqual(failed, { ok: false, message: 'email: must match format "email"' });
  });

  it('compiles two schemas with the same $id side by side', async () => {
    const first = compileSchema({ $id: 'https://example.com/args', type: 'object', properties: { a: { type: 'number' } } }, 'input', TOOL);
    const second = compileSchema({ $id: 'https://example.com/args', type: 'object', properties: { a: { type: 'string' } } }, 'input', TOOL);
    assert.equal((await first.validate({ a: 1 })).ok, true);
    assert.equal((await second.validate({ a: 'x' })).ok, true);
  });

  it('fails bootstrap on an invalid schema, naming the owner', () => {
    assert.throws(() => compileSchema({ type: 'object', properties: { a: { type: 'nonsense' } } }, 'input', TOOL), /Tool "order" \(Shop\.order\): the input JSON Schema is invalid/);
  });

  it('refuses a root that is not an object, as for the other styles', () => {
    assert.throws(() => compileSchema({ type: 'array' }, 'input', TOOL), /the input schema must describe an object/);
  });
});
