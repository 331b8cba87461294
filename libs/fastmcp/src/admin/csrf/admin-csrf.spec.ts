import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { AdminCsrf, CSRF_COOKIE } from './admin-csrf.js';
import { isSameOrigin } from './same-origin.js';

const request = (headers: Record<string, string>, user?: unknown) => ({ headers, user }) as unknown as IncomingMessage & { user?: unknown };

describe('AdminCsrf', () => {
  const csrf = new AdminCsrf(Buffer.from('test-secret'));
  const nonce = csrf.newNonce();
  const user = { sub: 'ops' };

  it('accepts the token issued for the cookie and principal', () => {
    const token = csrf.tokenFor(nonce, user);
    assert.equal(csrf.verify(request({ cookie: `other=1; ${CSRF_COOKIE}=${nonce}`, 'x-csrf-token': token }, user)), true);
  });

  it('refuses a request without the token', () => {
    assert.equal(csrf.verify(request({ cookie: `${CSRF_COOKIE}=${nonce}` }, user)), false);
  });

  it('refuses a token without its cookie', () => {
    assert.equal(csrf.verify(request({ 'x-csrf-token': csrf.tokenFor(nonce, user) }, user)), false);
  });

  it("refuses another principal's token", () => {
    const token = csrf.tokenFor(nonce, { sub: 'someone-else' });
    assert.equal(csrf.verify(request({ cookie: `${CSRF_COOKIE}=${nonce}`, 'x-csrf-token': token }, user)), false);
  });

  it('refuses a token signed with another key', () => {
    const token = new AdminCsrf(Buffer.from('other-secret')).tokenFor(nonce, user);
    assert.equal(csrf.verify(request({ cookie: `${CSRF_COOKIE}=${nonce}`, 'x-csrf-token': token }, user)), false);
  });

  it('writes an HttpOnly, SameSite=Strict cookie scoped to the admin path', () => {
    assert.equal(csrf.cookieHeader(nonce, '/admin', false), `${CSRF_COOKIE}=${nonce}; Path=/admin; HttpOnly; SameSite=Strict`);
    assert.match(csrf.cookieHeader(nonce, '/admin', true), /; Secure$/);
  });
});

describe('isSameOrigin', () => {
  const none = new Set<string>();

  it('accepts a same-origin fetch', () => {
    assert.equal(isSameOrigin(request({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }), none), true);
  });

  it('refuses a cross-site fetch', () => {
    assert.equal(isSameOrigin(request({ host: '127.0.0.1:3000', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }), none), false);
  });

  it('refuses a same-site sibling', () => {
    assert.equal(isSameOrigin(request({ host: 'admin.example.com', origin: 'https://app.example.com', 'sec-fetch-site': 'same-site' }), none), false);
  });

  it('refuses a foreign Origin without Sec-Fetch-Site', () => {
    assert.equal(isSameOrigin(request({ host: '127.0.0.1:3000', origin: 'http://evil.example' }), none), false);
  });

  it('refuses Origin: null', () => {
    assert.equal(isSameOrigin(request({ host: '127.0.0.1:3000', origin: 'null' }), none), false);
  });

  it('accepts a configured public origin', () => {
    assert.equal(isSameOrigin(request({ host: 'internal:8080', origin: 'https://ops.example.com' }), new Set(['https://ops.example.com'])), true);
  });

  it('accepts a request from no browser', () => {
    assert.equal(isSameOrigin(request({ host: '127.0.0.1:3000' }), none), true);
  });
});
