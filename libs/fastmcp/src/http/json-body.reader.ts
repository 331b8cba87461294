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
 * (the app disabled body parsing) the body is read here, bounded. Past the bound the reading
 * stops without destroying the request: destroying it would destroy the socket, and the 413
 * could never be sent (the rest of the body is discarded by `refuseBody`).
 */
export function readJsonBody(req: IncomingMessage & { body?: unknown }, limit: number): Promise<unknown> {
  if (bodyWasRead(req)) return Promise.resolve(req.body);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(new JsonBodyError(413, -32600, `Request body exceeds ${limit} bytes`));
    };
    const onEnd = () => {
      stop();
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new JsonBodyError(400, -32700, `Parse error: ${(error as Error).message}`));
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
  });
}
