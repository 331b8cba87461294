/**
 * What an encrypted column reads as when it cannot be decrypted: its key id is not among the
 * configured keys, or the key under that id is not the one that sealed it (its authentication
 * tag fails). The row is still returned; only its payload is withheld.
 *
 * @publicApi
 */
export interface McpUndecryptableValue {
  readonly undecryptable: true;
  /** The key id the value was sealed under. */
  readonly keyId: string;
  readonly reason: 'unknown key id' | 'authentication failed';
}

/** @publicApi */
export function isUndecryptable(value: unknown): value is McpUndecryptableValue {
  return typeof value === 'object' && value !== null && (value as { undecryptable?: unknown }).undecryptable === true && 'keyId' in value;
}
