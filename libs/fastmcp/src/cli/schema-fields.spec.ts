import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldsOf } from './schema-fields.js';

describe('fieldsOf', () => {
  it('splits an object schema into required and optional fields with their types', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'number' },
        tags: { type: 'array', items: { type: 'string' } },
        mode: { enum: ['fast', 'slow'] },
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
      required: ['a', 'mode'],
    };
    assert.deepEqual(fieldsOf(schema), { required: ['a: number', 'mode: "fast"|"slow"'], optional: ['tags: string[]', 'note: string|null'] });
  });

  it('reads a schema without properties as no fields', () => {
    assert.deepEqual(fieldsOf({ type: 'object' }), { required: [], optional: [] });
    assert.deepEqual(fieldsOf(undefined), { required: [], optional: [] });
  });
});
