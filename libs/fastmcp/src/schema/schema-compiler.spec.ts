import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IsInt, IsString, Min } from 'class-validator';
import { z } from 'zod';
import { compileSchema } from './schema-compiler.js';

class CreateUserDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(0)
  age!: number;
}

describe('compileSchema', () => {
  it('converts zod to JSON Schema 2020-12, naming the dialect', () => {
    const compiled = compileSchema(z.object({ q: z.string().describe('query') }), 'input', 'Tool "t"');
    assert.deepEqual(compiled.jsonSchema, {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { q: { type: 'string', description: 'query' } },
      required: ['q'],
    });
  });

  it('validates with zod and names the failing path', async () => {
    const compiled = compileSchema(z.object({ user: z.object({ age: z.number() }) }), 'input', 'Tool "t"');
    assert.deepEqual(await compiled.validate({ user: { age: 3 } }), { ok: true, value: { user: { age: 3 } } });
    const failed = await compiled.validate({ user: { age: 'x' } });
    assert.equal(failed.ok, false);
    assert.match((failed as { message: string }).message, /^user\.age: /);
  });

  it('converts a class-validator DTO and validates into an instance', async () => {
    const compiled = compileSchema(CreateUserDto, 'input', 'Tool "t"');
    assert.equal(compiled.jsonSchema.type, 'object');
    assert.deepEqual(Object.keys(compiled.jsonSchema.properties ?? {}).sort(), ['age', 'name']);
    const ok = await compiled.validate({ name: 'Ada', age: 36 });
    assert.ok(ok.ok && ok.value instanceof CreateUserDto);
    const failed = await compiled.validate({ name: 'Ada', age: -1 });
    assert.match((failed as { message: string }).message, /age: age must not be less than 0/);
    assert.deepEqual(await compiled.validate('nope'), { ok: false, message: 'arguments must be an object' });
  });

  it('refuses properties a DTO input does not declare, and says so in its JSON Schema', async () => {
    const compiled = compileSchema(CreateUserDto, 'input', 'Tool "t"');
    assert.equal(compiled.jsonSchema.additionalProperties, false);
    const failed = await compiled.validate({ name: 'Ada', age: 36, admin: true });
    assert.deepEqual(failed, { ok: false, message: 'admin: property admin should not exist' });
  });

  it('strips or keeps undeclared DTO properties when asked', async () => {
    const stripped = await compileSchema(CreateUserDto, 'input', 'Tool "t"', 'strip').validate({ name: 'Ada', age: 36, admin: true });
    assert.ok(stripped.ok && !('admin' in (stripped.value as object)));
    const kept = compileSchema(CreateUserDto, 'input', 'Tool "t"', 'allow');
    assert.equal(kept.jsonSchema.additionalProperties, undefined);
    const value = await kept.validate({ name: 'Ada', age: 36, admin: true });
    assert.ok(value.ok && (value.value as { admin?: boolean }).admin === true);
  });

  it('keeps undeclared properties of a DTO output (a result is not client input)', async () => {
    const output = await compileSchema(CreateUserDto, 'output', 'Tool "t"').validate({ name: 'Ada', age: 36, extra: 1 });
    assert.equal(output.ok, true);
  });

  it('refuses a schema whose root is not an object, naming the owner', () => {
    assert.throws(() => compileSchema(z.array(z.string()), 'input', 'Tool "list" (Svc.list)'), /Tool "list" \(Svc\.list\): the input schema must describe an object/);
  });
});
