import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ColumnCipher } from './column-cipher.js';
import { isUndecryptable } from './undecryptable-value.js';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const ARGUMENTS = { user: 'alice', password: 'hunter2-secret', nested: { list: [1, 'two', null] } };

describe('ColumnCipher', () => {
  it('seals a value into a self-describing envelope that holds none of its text', () => {
    const sealed = ColumnCipher.fromOptions({ key: K1 }).seal(ARGUMENTS) as { $enc: string };
    assert.deepEqual(Object.keys(sealed), ['$enc']);
    assert.match(sealed.$enc, /^v1:default:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:/);
    assert.doesNotMatch(JSON.stringify(sealed), /hunter2|alice/);
  });

  it('opens what it sealed, for every JSON value', () => {
    const cipher = ColumnCipher.fromOptions({ key: K1 });
    for (const value of [ARGUMENTS, 'text', 5, true, [], {}, 'ünïcödé ✓']) assert.deepEqual(cipher.open(cipher.seal(value)), value);
  });

  it('uses a fresh IV for every value: equal values are sealed differently', () => {
    const cipher = ColumnCipher.fromOptions({ key: K1 });
    assert.notDeepEqual(cipher.seal(ARGUMENTS), cipher.seal(ARGUMENTS));
  });

  it('never hands out one IV twice, across refills of its random pool', () => {
    const cipher = ColumnCipher.fromOptions({ key: K1 });
    const ivs = new Set<string>();
    for (let i = 0; i < 3_000; i++) ivs.add((cipher.seal(i) as { $enc: string }).$enc.split(':')[2]!);
    assert.equal(ivs.size, 3_000);
  });

  it('leaves null, and every value when it has no key, as it is', () => {
    const cipher = ColumnCipher.fromOptions({ key: K1 });
    assert.equal(cipher.seal(null), null);
    assert.equal(ColumnCipher.fromOptions(undefined).seal(ARGUMENTS), ARGUMENTS);
    assert.equal(cipher.open(ARGUMENTS), ARGUMENTS);
  });

  it('seals a value that only looks sealed: a client cannot pass its arguments off as ciphertext', () => {
    const cipher = ColumnCipher.fromOptions({ key: K1 });
    const lookAlike = { $enc: `v1:k9:${'A'.repeat(16)}:${'A'.repeat(22)}==:AAAA` };
    const stored = cipher.seal(lookAlike);
    assert.notDeepEqual(stored, lookAlike);
    assert.deepEqual(cipher.open(stored), lookAlike);
  });

  it('seals with the current key and still opens values sealed under an older one', () => {
    const old = ColumnCipher.fromOptions({ keys: { k1: K1 }, current: 'k1' }).seal(ARGUMENTS);
    const rotated = ColumnCipher.fromOptions({ keys: { k2: K2, k1: K1 }, current: 'k2' });
    assert.match((rotated.seal(ARGUMENTS) as { $enc: string }).$enc, /^v1:k2:/);
    assert.deepEqual(rotated.open(old), ARGUMENTS);
  });

  it('reads a value under an unknown key id, or a tampered one, as a marker instead of failing', () => {
    const sealed = ColumnCipher.fromOptions({ keys: { k0: K1 }, current: 'k0' }).seal(ARGUMENTS) as { $enc: string };
    const cipher = ColumnCipher.fromOptions({ keys: { k1: K1 }, current: 'k1' });
    assert.deepEqual(cipher.open(sealed), { undecryptable: true, keyId: 'k0', reason: 'unknown key id' });
    const wrongKey = ColumnCipher.fromOptions({ keys: { k0: K2 }, current: 'k0' });
    assert.deepEqual(wrongKey.open(sealed), { undecryptable: true, keyId: 'k0', reason: 'authentication failed' });
    assert.ok(isUndecryptable(ColumnCipher.fromOptions(undefined).open(sealed)));
    assert.equal(cipher.openIfReadable(sealed), sealed);
  });

  it('costs a few microseconds of CPU per row', (t) => {
    const cipher = ColumnCipher.fromOptions({ key: K1 });
    const row = { query: 'SELECT * FROM orders WHERE customer = ?', params: ['c-1042', 25], options: { timeoutMs: 5_000, dryRun: false } };
    const rows = 5_000;
    for (let i = 0; i < 1_000; i++) cipher.open(cipher.seal(row));
    // CPU time, not wall time: the figure should not depend on what else the machine runs.
    const cpuMicros = (since: NodeJS.CpuUsage) => {
      const { user, system } = process.cpuUsage(since);
      return (user + system) / rows;
    };
    let started = process.cpuUsage();
    const sealed = [];
    for (let i = 0; i < rows; i++) sealed.push(cipher.seal(row));
    const seal = cpuMicros(started);
    started = process.cpuUsage();
    for (const value of sealed) cipher.open(value);
    const open = cpuMicros(started);
    t.diagnostic(`seal ${seal.toFixed(2)} µs, open ${open.toFixed(2)} µs of CPU per row (${JSON.stringify(row).length}-byte payload)`);
    // A loose bound, for shared CI machines: the point is that it stays far below a database write.
    assert.ok(seal < 200 && open < 200);
  });
});
