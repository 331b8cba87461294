import type { IncomingMessage } from 'node:http';
import { isJsonContentType } from '@modelcontextprotocol/server';

/** What a POST body is refused with, from its headers alone. */
export interface BodyRefusal {
  readonly status: 413 | 415;
  readonly code: number;
  readonly message: string;
}

/** The content codings Express's body parsers (body-parser) decode; any other they answer 415 after all. */
const DECODED_ENCODINGS: ReadonlySet<string> = new Set(['identity', 'gzip', 'deflate', 'br']);

export const tooLarge = (maxBytes: number): BodyRefusal => ({ status: 413, code: -32600, message: `Request body exceeds ${maxBytes} bytes` });

/**
 * Why a POST body must be refused before a byte of it is read, when its headers tell: a
 * Content-Type other than JSON (the SDK's transports answer that 415 too, spec basic/transports
 * "Sending Messages to the Server", but only after the body was read and parsed), a content
 * coding nothing decodes, a declared length over `maxBytes`. `undefined`: the body may be read.
 */
export function declaredBodyRefusal(req: IncomingMessage, maxBytes: number): BodyRefusal | undefined {
  const { headers } = req;
  if (!isJsonContentType(headers['content-type'] ?? null)) {
    return { status: 415, code: -32000, message: 'Unsupported Media Type: Content-Type must be application/json' };
  }
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && !DECODED_ENCODINGS.has(encoding)) {
    return { status: 415, code: -32000, message: `Unsupported Media Type: Content-Encoding ${encoding} is not supported` };
  }
  const length = headers['content-length'];
  if (length !== undefined && Number(length) > maxBytes) return tooLarge(maxBytes);
  return undefined;
}
