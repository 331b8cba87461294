import type { IncomingMessage } from 'node:http';

export class JsonBodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Whether the body is read already (by Express, the front door, or a stream someone consumed): `req.body` is all there is. */
export function bodyWasRead(req: IncomingMessage & { body?: unknown }): boolean {
  return req.body !== undefined || req.readableEnded;
}

/**
 * The JSON body of an MCP POST. Express's parser has usually read it already; when it has not
 * (a non-JSON content type, or the app disabled body parsing) the body is read here, bounded.
 */
export async function readJsonBody(req: IncomingMessage & { body?: unknown }, limit: number): Promise<unknown> {
  if (bodyWasRead(req)) return req.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new JsonBodyError(413, -32600, `Request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JsonBodyError(400, -32700, `Parse error: ${(error as Error).message}`);
  }
}
