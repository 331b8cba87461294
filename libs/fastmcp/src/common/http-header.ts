import type { IncomingMessage } from 'node:http';

/** A header as the web `Headers.get()` would return it: repeated values joined by ", ". */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
