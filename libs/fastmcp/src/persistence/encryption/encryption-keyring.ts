import { McpConfigurationError } from '../../errors/mcp-configuration.error.js';
import type { McpEncryptionKey, McpEncryptionOptions } from './mcp-encryption-options.js';

/** The id of the key given with the one-key shorthand `{ key }`. */
export const DEFAULT_KEY_ID = 'default';

/** AES-256 takes exactly this many key bytes. */
const KEY_BYTES = 32;
const OWNER = 'McpPersistenceModule';
/** Key ids end up inside the envelope, whose fields are separated by `:`. */
const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}={0,1}$/;

/** The validated keys, by id, and the one new values are sealed with. */
export interface EncryptionKeyring {
  readonly currentId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** Checks the `encryption` option once, at bootstrap: a wrong key must stop the app, not a write an hour later. */
export function encryptionKeyring(options: McpEncryptionOptions): EncryptionKeyring {
  if ('key' in options) return { currentId: DEFAULT_KEY_ID, keys: new Map([[DEFAULT_KEY_ID, keyBytes(options.key, 'encryption.key')]]) };
  const entries = Object.entries(options.keys ?? {});
  if (entries.length === 0) throw new McpConfigurationError(OWNER, 'encryption.keys', `${OWNER}: \`encryption.keys\` lists no key: give at least one, or use \`encryption.key\``);
  const keys = new Map<string, Buffer>();
  for (const [id, key] of entries) {
    if (!KEY_ID.test(id)) {
      throw new McpConfigurationError(OWNER, 'encryption.keys', `${OWNER}: \`encryption.keys\` has the key id "${id}": ids are 1 to 64 letters, digits, "_", "-" or "."`);
    }
    keys.set(id, keyBytes(key, `encryption.keys.${id}`));
  }
  if (!keys.has(options.current)) {
    throw new McpConfigurationError(
      OWNER,
      'encryption.current',
      `${OWNER}: \`encryption.current\` is "${String(options.current)}", which is not one of \`encryption.keys\` (${[...keys.keys()].join(', ')})`,
    );
  }
  return { currentId: options.current, keys };
}

function keyBytes(key: McpEncryptionKey, option: string): Buffer {
  let bytes: Buffer | undefined;
  if (typeof key === 'string') {
    const text = key.trim();
    if (HEX_KEY.test(text)) bytes = Buffer.from(text, 'hex');
    else if (BASE64_KEY.test(text)) bytes = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
    else bytes = undefined;
  } else if (key instanceof Uint8Array) bytes = Buffer.from(key);
  if (bytes?.length === KEY_BYTES) return bytes;
  const given = typeof key === 'string' ? `a string of ${key.length} characters` : key instanceof Uint8Array ? `${key.length} bytes` : typeof key;
  throw new McpConfigurationError(
    OWNER,
    option,
    `${OWNER}: \`${option}\` must be a 32-byte key (AES-256): a Buffer of 32 bytes, 64 hex characters or 44 base64 characters; got ${given}. ` +
      "Make one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64'))\"",
  );
}
