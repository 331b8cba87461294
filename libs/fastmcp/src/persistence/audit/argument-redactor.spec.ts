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
});
