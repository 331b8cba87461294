import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArgumentRedactor, REDACTED } from './argument-redactor.js';

describe('ArgumentRedactor', () => {
  it('redacts the default sensitive fields at any depth, whatever their spelling', () => {
    const redacted = new ArgumentRedactor().redact({
      user: 'ann',
      password: 'hunter2',
      nested: { API_KEY: 'k', list: [{ 'access-token': 't', keep: 1 }] },
    });
    assert.deepEqual(redacted, { user: 'ann', password: REDACTED, nested: { API_KEY: REDACTED, list: [{ 'access-token': REDACTED, keep: 1 }] } });
  });

  it('uses the configured names and patterns instead of the defaults', () => {
    const redactor = new ArgumentRedactor(['email', /^x-/i]);
    assert.deepEqual(redactor.redact({ email: 'a@b.c', 'X-Trace': '1', password: 'shown' }), { email: REDACTED, 'X-Trace': REDACTED, password: 'shown' });
  });

  it('leaves the original arguments untouched', () => {
    const args = { password: 'hunter2' };
    new ArgumentRedactor().redact(args);
    assert.equal(args.password, 'hunter2');
  });

  it('survives circular structures', () => {
    const args: Record<string, unknown> = { name: 'loop' };
    args.self = args;
    assert.deepEqual(new ArgumentRedactor().redact(args), { name: 'loop', self: '[Circular]' });
  });

  it('hands back arguments with nothing to redact as they are, and copies only the way to a secret', () => {
    const redactor = new ArgumentRedactor();
    const clean = { text: 'hello', list: [1, { n: 2 }] };
    assert.equal(redactor.redact(clean), clean);
    const mixed = { keep: { a: 1 }, nested: { token: 't', b: 2 } };
    const redacted = redactor.redact(mixed) as typeof mixed;
    assert.equal(redacted.keep, mixed.keep);
    assert.deepEqual(redacted.nested, { token: REDACTED, b: 2 });
    assert.equal(mixed.nested.token, 't');
  });

  it('stores what the JSON column can hold: toJSON followed, bigints as strings, class instances as plain copies', () => {
    class Card {
      constructor(readonly cvv: string, readonly holder: string) {}
    }
    const shared = { id: 1 };
    const redacted = new ArgumentRedactor().redact({ at: new Date(0), big: 12n, card: new Card('123', 'ann'), a: shared, b: shared });
    assert.deepEqual(redacted, { at: '1970-01-01T00:00:00.000Z', big: '12', card: { cvv: REDACTED, holder: 'ann' }, a: { id: 1 }, b: { id: 1 } });
  });
});
