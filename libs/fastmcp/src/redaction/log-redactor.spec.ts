import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_REDACTED_FIELDS, McpLogRedactor, REDACTED } from './log-redactor.js';

describe('McpLogRedactor', () => {
  const redactor = new McpLogRedactor();

  it('replaces secret-named values at any depth, matching keys regardless of case, - and _', () => {
    const input = { user: 'ann', Password: 'p', nested: [{ access_token: 't', 'X-API-KEY': 'k', note: 'fine' }] };
    assert.deepEqual(redactor.redact(input), {
      user: 'ann',
      Password: REDACTED,
      nested: [{ access_token: REDACTED, 'X-API-KEY': REDACTED, note: 'fine' }],
    });
  });

  it('leaves the original untouched and passes scalars through', () => {
    const input = { secret: 's' };
    redactor.redact(input);
    assert.deepEqual(input, { secret: 's' });
    assert.equal(redactor.redact('password=x'), 'password=x');
    assert.equal(redactor.redact(undefined), undefined);
  });

  it('survives cycles and very deep values', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    assert.deepEqual(redactor.redact(cyclic), { name: 'loop', self: '[Circular]' });
    let deep: unknown = { token: 't' };
    for (let i = 0; i < 100; i++) deep = { deep };
    assert.ok(JSON.stringify(redactor.redact(deep)).includes('[Truncated]'));
  });

  it('takes a configurable field list', () => {
    const custom = new McpLogRedactor([...DEFAULT_REDACTED_FIELDS, 'ssn']);
    assert.deepEqual(custom.redact({ ssn: '1', password: '2' }), { ssn: REDACTED, password: REDACTED });
    assert.deepEqual(new McpLogRedactor([]).redact({ password: 'kept' }), { password: 'kept' });
  });

  it('hands back data with nothing to redact as it is; dates and bytes pass, class instances are copied', () => {
    const clean = { text: 'hello', at: new Date(0), bytes: new Uint8Array([1]) };
    assert.equal(redactor.redact(clean), clean);
    class Login {
      constructor(readonly user: string, readonly password: string) {}
    }
    const copied = redactor.redact({ login: new Login('ann', 'p') });
    assert.deepEqual(copied, { login: { user: 'ann', password: REDACTED } });
  });
});
