import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { McpConfigurationError } from '../../errors/mcp-configuration.error.js';
import { DEFAULT_KEY_ID, encryptionKeyring } from './encryption-keyring.js';

const KEY = randomBytes(32);

describe('encryptionKeyring', () => {
  it('gives the one-key shorthand the id "default"', () => {
    const keyring = encryptionKeyring({ key: KEY });
    assert.equal(keyring.currentId, DEFAULT_KEY_ID);
    assert.deepEqual(keyring.keys.get(DEFAULT_KEY_ID), KEY);
  });

  it('takes a key as a Buffer, as 64 hex characters or as base64 (padded, unpadded, URL-safe)', () => {
    for (const key of [KEY, new Uint8Array(KEY), KEY.toString('hex'), KEY.toString('base64'), KEY.toString('base64url')]) {
      assert.deepEqual(encryptionKeyring({ key }).keys.get(DEFAULT_KEY_ID), KEY);
    }
  });

  it('refuses a key of the wrong length, naming the option', () => {
    assert.throws(
      () => encryptionKeyring({ keys: { k1: randomBytes(16) }, current: 'k1' }),
      (error: unknown) =>
        error instanceof McpConfigurationError &&
        error.option === 'encryption.keys.k1' &&
        /`encryption\.keys\.k1` must be a 32-byte key .*got 16 bytes/.test(error.message),
    );
    assert.throws(() => encryptionKeyring({ key: 'too-short' }), /`encryption\.key` must be a 32-byte key .*got a string of 9 characters/);
    assert.throws(() => encryptionKeyring({ key: randomBytes(24).toString('base64') }), McpConfigurationError);
  });

  it('refuses a current id that names no key, and ids the envelope cannot carry', () => {
    assert.throws(() => encryptionKeyring({ keys: { k1: KEY }, current: 'k2' }), /`encryption\.current` is "k2", which is not one of `encryption\.keys` \(k1\)/);
    assert.throws(() => encryptionKeyring({ keys: { 'k:1': KEY }, current: 'k:1' }), /key id "k:1"/);
    assert.throws(() => encryptionKeyring({ keys: {}, current: 'k1' }), /lists no key/);
  });
});
