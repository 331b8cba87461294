import type { IncomingMessage } from 'node:http';

/** The admin path as the browser asked for it: a global prefix included, no query, no trailing slash. */
export function requestedBase(req: IncomingMessage & { originalUrl?: string }): string {
  const url = req.originalUrl ?? req.url ?? '/';
  return url.split('?')[0]!.replace(/\/+$/, '') || '/';
}

/** Whether the page was reached over TLS (directly, or through a proxy that says so), for the cookie's `Secure`. */
export function isSecure(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https';
}
