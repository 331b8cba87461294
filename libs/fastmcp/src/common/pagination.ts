import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

/**
 * Cursor pagination of `* /list` results (spec: server/utilities/pagination). The cursor is
 * opaque to clients; it encodes the offset of the next page.
 */
export function paginate<T>(items: readonly T[], cursor: string | undefined, pageSize: number): { page: T[]; nextCursor?: string } {
  let offset = 0;
  if (cursor !== undefined) {
    offset = Number.parseInt(Buffer.from(cursor, 'base64url').toString('utf8'), 10);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > items.length) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Invalid cursor: ${cursor}`);
    }
  }
  const end = offset + pageSize;
  const page = items.slice(offset, end);
  return end < items.length ? { page, nextCursor: Buffer.from(String(end), 'utf8').toString('base64url') } : { page };
}
