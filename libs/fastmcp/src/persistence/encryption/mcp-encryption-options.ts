/**
 * A 256-bit key: 32 bytes, or a string of them in hex (64 characters) or base64 (44, or 43
 * unpadded; the URL-safe alphabet is accepted too).
 *
 * @publicApi
 */
export type McpEncryptionKey = Buffer | Uint8Array | string;

/**
 * Encryption at rest of the free-form payload columns (docs/persistence.md, "Encryption at
 * rest"). Either one key, which gets the id `default`, or several keys by id with the one new
 * rows are written with: old rows keep naming the key that sealed them, so a key stays listed
 * until no row under its id is left.
 *
 * @publicApi
 */
export type McpEncryptionOptions =
  | { key: McpEncryptionKey }
  | {
      /** Every key that may still have rows, by id (letters, digits, `_`, `-`, `.`; at most 64). */
      keys: Record<string, McpEncryptionKey>;
      /** The id of the key new rows are encrypted with. */
      current: string;
    };
