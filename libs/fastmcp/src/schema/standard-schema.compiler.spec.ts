import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toStandardJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import * as v from 'valibot';
import { compileSchema } from './schema-compiler.js';

const TOOL = 'Tool "t" (Svc.t)';

describe('compileSchema with other Standard Schemas', () => {
  it('converts arktype through Standard JSON Schema and names the failing field', async () => {
    const compiled = compileSchema(type({ city: 'string', 'days?': 'number.integer' }), 'input', TOOL);
    assert.deepEqual(compiled.jsonSchema, {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' } },
      required: ['city'],
    });
    assert.deepEqual(await compiled.validate({ city: 'Oslo', days: 2 }), { ok: true, value: { city: 'Oslo', days: 2 } });
    const failed = await compiled.validate({ city: 3 });
    assert.equal(failed.ok, false);
    assert.match((failed as { message: string }).message, /^city: /);
  });

  it("falls back to a schema's own toJsonSchema()", () => {
    const ark = type({ q: 'string' });
    const withoutStandardJson = Object.assign(Object.create(null), {
      '~standard': { version: 1, vendor: 'arktype', validate: ark['~standard'].validate },
      toJsonSchema: () => ark.toJsonSchema(),
    });
    assert.deepEqual(compileSchema(withoutStandardJson, 'input', TOOL).jsonSchema.properties, { q: { type: 'string' } });
  });

  it('converts valibot wrapped with toStandardJsonSchema() and names the failing field', async () => {
    const compiled = compileSchema(toStandardJsonSchema(v.object({ city: v.string(), days: v.optional(v.number()) })), 'input', TOOL);
    assert.equal(compiled.jsonSchema.type, 'object');
    assert.deepEqual(compiled.jsonSchema.required, ['city']);
    const failed = await compiled.validate({ city: 'Oslo', days: 'two' });
    assert.equal(failed.ok, false);
    assert.match((failed as { message: string }).message, /^days: /);
  });

  it('tells how to wrap a bare valibot schema', () => {
    assert.throws(() => compileSchema(v.object({ city: v.string() }), 'input', TOOL), /toStandardJsonSchema\(\) from @valibot\/to-json-schema/);
  });
});
