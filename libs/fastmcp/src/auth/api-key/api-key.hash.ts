import { createHash } from 'node:crypto';

/**
 * The form an API key is stored in: its SHA-256, hex. A fast hash is right for keys (random,
 * 128+ bits) though wrong for passwords: mint keys with `randomBytes(32).toString('base64url')`.
 *
 * @publicApi
 */
export function hashMcpApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
