import type { IncomingMessage } from 'node:http';

/**
 * Whether a state-changing request comes from the admin page's own origin. Browsers send
 * `Sec-Fetch-Site` and `Origin` with every `fetch` POST (Fetch spec, "Sec-Fetch-Site" and
 * "Origin header"): `same-origin` is required when present, and `Origin`'s host must be the
 * request's `Host` (or one of `allowed`, for a proxy that rewrites `Host`). A request with
 * neither header comes from no browser, so no other site can have sent it; it still needs the
 * CSRF token.
 */
export function isSameOrigin(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.has(origin.toLowerCase())) return true;
  let host: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    host = url.host;
  } catch {
    // `Origin: null` (sandboxed frames, some redirects) and anything unparsable.
    return false;
  }
  return req.headers.host !== undefined && host.toLowerCase() === req.headers.host.toLowerCase();
}
