import { createCipheriv, createDecipheriv } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { encryptionKeyring, type EncryptionKeyring } from './encryption-keyring.js';
import type { McpEncryptionOptions } from './mcp-encryption-options.js';
import { RandomIvs } from './random-ivs.js';
import type { McpUndecryptableValue } from './undecryptable-value.js';

const ALGORITHM = 'aes-256-gcm';
/** 96 bits: the IV length GCM is defined for (NIST SP 800-38D); random per value. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
/** Distinct unreadable key ids warned about; past this, silently. */
const REPORTED_LIMIT = 100;
/**
 * `{ "$enc": "v1:<key id>:<iv>:<tag>:<ciphertext>" }`, base64 fields. A JSON object, so it fits
 * the `jsonb` and `simple-json` columns as they are (no migration), and says which key sealed it.
 */
const ENVELOPE = /^v1:([A-Za-z0-9_.-]{1,64}):([A-Za-z0-9+/]{16}):([A-Za-z0-9+/]{22}==):([A-Za-z0-9+/=]*)$/;

interface SealedValue {
  $enc: string;
}

/**
 * Seals and opens the free-form payload columns (tool-call `arguments`, log `data`, stream
 * event `message`) with AES-256-GCM. Without keys it seals nothing, and still reports sealed
 * values it meets as undecryptable rather than passing ciphertext off as a payload.
 */
export class ColumnCipher {
  private readonly logger = new Logger('McpEncryption');
  /** Key ids already reported as unreadable: one warning each, not one per row. */
  private readonly reported = new Set<string>();
  private readonly ivs = new RandomIvs(IV_BYTES);

  constructor(private readonly keyring?: EncryptionKeyring) {}

  static fromOptions(options: McpEncryptionOptions | undefined): ColumnCipher {
    return new ColumnCipher(options ? encryptionKeyring(options) : undefined);
  }

  get enabled(): boolean {
    return this.keyring !== undefined;
  }

  /**
   * The value as stored: sealed with the current key; null stays null. A value that already looks
   * sealed is sealed again: arguments come from clients, and one must not pass its own text off
   * as ciphertext (it would read back as undecryptable, under a key id of its choosing).
   */
  seal(value: unknown): unknown {
    if (!this.keyring || value === null || value === undefined) return value;
    const { currentId, keys } = this.keyring;
    const iv = this.ivs.next();
    const cipher = createCipheriv(ALGORITHM, keys.get(currentId)!, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const sealed: SealedValue = {
      $enc: `${VERSION}:${currentId}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ciphertext.toString('base64')}`,
    };
    return sealed;
  }

  /** The value as written: decrypted when sealed, as it is otherwise; a marker when it cannot be decrypted. */
  open(value: unknown): unknown {
    if (!isSealed(value)) return value;
    const [, keyId, iv, tag, ciphertext] = ENVELOPE.exec(value.$enc)!;
    const key = this.keyring?.keys.get(keyId!);
    if (!key) return this.unreadable(keyId!, 'unknown key id');
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv!, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(Buffer.from(tag!, 'base64'));
      return JSON.parse(Buffer.concat([decipher.update(Buffer.from(ciphertext!, 'base64')), decipher.final()]).toString('utf8')) as unknown;
    } catch {
      return this.unreadable(keyId!, 'authentication failed');
    }
  }

  /** Like `open`, but a value that cannot be decrypted stays sealed (for records on their way back to the database). */
  openIfReadable(value: unknown): unknown {
    if (!isSealed(value)) return value;
    const opened = this.open(value);
    return (opened as Partial<McpUndecryptableValue> | null)?.undecryptable === true ? value : opened;
  }

  /** A copy of `row` with `column` sealed. Copied: the writer may write the same row again after a failure. */
  sealColumn<T extends object, K extends keyof T>(row: T, column: K): T {
    return this.enabled ? { ...row, [column]: this.seal(row[column]) } : row;
  }

  /** `row` with `column` opened, in place (rows read from the database are the caller's own). */
  openColumn<T extends object, K extends keyof T>(row: T, column: K): T {
    row[column] = this.open(row[column]) as T[K];
    return row;
  }

  private unreadable(keyId: string, reason: McpUndecryptableValue['reason']): McpUndecryptableValue {
    // Bounded: rows written before encryption was on may hold look-alike envelopes with any id.
    if (this.reported.size < REPORTED_LIMIT && !this.reported.has(`${keyId}\0${reason}`)) {
      this.reported.add(`${keyId}\0${reason}`);
      this.logger.warn(
        reason === 'unknown key id'
          ? `Rows encrypted with key "${keyId}" cannot be read: add that key to the persistence option encryption.keys. They read as { undecryptable: true }.`
          : `Rows under key id "${keyId}" fail authentication: the key configured under that id is not the one that encrypted them, or the rows were altered.`,
      );
    }
    return { undecryptable: true, keyId, reason };
  }
}

function isSealed(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const sealed = (value as { $enc?: unknown }).$enc;
  return typeof sealed === 'string' && Object.keys(value).length === 1 && ENVELOPE.test(sealed);
}
