import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { principalId } from '../../common/principal.js';

export const CSRF_COOKIE = 'mcp_admin_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Signed double-submit tokens. The page gets a random nonce in an `HttpOnly; SameSite=Strict`
 * cookie and, embedded in its HTML, the token: an HMAC of the nonce and the principal. A
 * state-changing call must send the token in a header; the server recomputes it from the
 * cookie. A cross-site page can neither read the token nor (SameSite) send the cookie, and a
 * cookie planted by a sibling subdomain is useless without the key. Binding the principal means
 * a token leaked from one admin's page does not work for another's session.
 */
export class AdminCsrf {
  constructor(private readonly secret: Buffer) {}

  /** The nonce the request's cookie holds, if it looks like one of ours. */
  nonceOf(req: IncomingMessage): string | undefined {
    const nonce = cookie(req, CSRF_COOKIE);
    return nonce && /^[A-Za-z0-9_-]{43}$/.test(nonce) ? nonce : undefined;
  }

  newNonce(): string {
    return randomBytes(32).toString('base64url');
  }

  tokenFor(nonce: string, user: unknown): string {
    return createHmac('sha256', this.secret).update(`${nonce}\0${principalId(user) ?? ''}`).digest('base64url');
  }

  /** Whether the request carries a token that matches its cookie and principal. */
  verify(req: IncomingMessage & { user?: unknown }): boolean {
    const nonce = this.nonceOf(req);
    const sent = req.headers[CSRF_HEADER];
    if (!nonce || typeof sent !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(nonce, req.user));
    const given = Buffer.from(sent);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The `Set-Cookie` value for the nonce: readable by no script, sent by no other site. */
  cookieHeader(nonce: string, path: string, secure: boolean): string {
    return `${CSRF_COOKIE}=${nonce}; Path=${path}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
