import assert from 'node:assert/strict';
import { createPublicKey, createSecretKey } from 'node:crypto';
import { describe, it } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { JwksKeySet } from './jwks-key-set.js';
import { McpJwtVerifier, McpTokenExpiredError } from './mcp-jwt.verifier.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

const secret = createSecretKey(Buffer.from('a-test-secret-of-enough-length-for-hs256'));
const now = () => Math.floor(Date.now() / 1000);
const mint = (claims: Record<string, unknown> = {}, key = secret) =>
  new SignJWT({ sub: 'ada', ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://as.example').setAudience('https://mcp.example/mcp').sign(key);
const verifierWith = (cache: ConstructorParameters<typeof VerifiedTokenCache>[0] | false = {}) =>
  new McpJwtVerifier({ key: secret, issuer: 'https://as.example', audience: 'https://mcp.example/mcp', algorithms: ['HS256'], clockToleranceSeconds: 0, cache });

describe('McpJwtVerifier', () => {
  it('returns the claims of a token signed with its key', async () => {
    const claims = await verifierWith().verify(await mint({ exp: now() + 60 }));
    assert.equal(claims.sub, 'ada');
  });

  it('refuses a token signed with another key, also after a valid one was remembered', async () => {
    const verifier = verifierWith();
    await verifier.verify(await mint());
    await assert.rejects(verifier.verify(await mint({}, createSecretKey(Buffer.from('another-secret-of-enough-length-for-hs256')))));
  });

  it('refuses an expired token as TokenExpiredError', async () => {
    await assert.rejects(verifierWith().verify(await mint({ exp: now() - 10 })), McpTokenExpiredError);
  });

  it('refuses a remembered token once its exp has passed', async () => {
    const verifier = verifierWith();
    const token = await mint({ exp: now() + 1 });
    await verifier.verify(token);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await assert.rejects(verifier.verify(token), McpTokenExpiredError);
  });

  it('refuses a token for another audience or issuer', async () => {
    const verifier = verifierWith();
    await assert.rejects(verifier.verify(await new SignJWT({ sub: 'ada' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://as.example').setAudience('https://other.example').sign(secret)));
    await assert.rejects(verifier.verify(await new SignJWT({ sub: 'ada' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://evil.example').setAudience('https://mcp.example/mcp').sign(secret)));
  });

  it('refuses an unsigned token (alg none) and one signed with an algorithm it does not allow', async () => {
    const verifier = verifierWith();
    const unsigned = new UnsecuredJWT({ sub: 'ada', exp: now() + 60 }).setIssuer('https://as.example').setAudience('https://mcp.example/mcp').encode();
    await assert.rejects(verifier.verify(unsigned));
    const hs384 = await new SignJWT({ sub: 'ada' }).setProtectedHeader({ alg: 'HS384' }).setIssuer('https://as.example').setAudience('https://mcp.example/mcp').sign(secret);
    await assert.rejects(verifier.verify(hs384));
  });

  it('refuses an HMAC token made with a public key as its secret (algorithm confusion)', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const verifier = new McpJwtVerifier({ key: createPublicKey(pem), issuer: 'https://as.example', audience: 'https://mcp.example/mcp', algorithms: ['RS256', 'HS256'], clockToleranceSeconds: 0, cache: {} });
    const forged = await new SignJWT({ sub: 'mallory' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://as.example').setAudience('https://mcp.example/mcp').sign(createSecretKey(Buffer.from(pem)));
    await assert.rejects(verifier.verify(forged));
  });

  it('refuses a tampered payload and a token that is not a JWS', async () => {
    const verifier = verifierWith();
    const [header, , signature] = (await mint({ exp: now() + 60 })).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'root', iss: 'https://as.example', aud: 'https://mcp.example/mcp' })).toString('base64url');
    await assert.rejects(verifier.verify(`${header}.${payload}.${signature}`));
    await assert.rejects(verifier.verify('not-a-token'));
  });

  it('verifies in full every time with the cache turned off', async () => {
    const token = await mint({ exp: now() + 60 });
    const verifier = verifierWith(false);
    assert.notEqual(await verifier.verify(token), await verifier.verify(token));
  });
});

describe('McpJwtVerifier over a JWKS', () => {
  it('forgets remembered tokens when the key set is fetched again (key rotation)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    let keys = [{ ...(await exportJWK(publicKey)), kid: 'k1', use: 'sig' }];
    const server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const keySet = new JwksKeySet(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, { cooldownMs: 0 });
      const verifier = new McpJwtVerifier({ key: keySet, issuer: 'https://as.example', audience: 'https://mcp.example/mcp', algorithms: ['RS256'], clockToleranceSeconds: 0, cache: {} });
      const token = await new SignJWT({ sub: 'ada' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://as.example').setAudience('https://mcp.example/mcp').sign(privateKey);
      assert.equal((await verifier.verify(token)).sub, 'ada');
      // The authorization server retires k1; an unknown kid makes the set be fetched again.
      keys = [];
      await assert.rejects(verifier.verify(await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k2' }).sign(privateKey)));
      await assert.rejects(verifier.verify(token));
    } finally {
      server.close();
    }
  });
});

describe('VerifiedTokenCache', () => {
  const claims = (extra: Record<string, unknown>) => ({ sub: 'ada', ...extra });

  it('answers until the earlier of the token exp and maxAgeMs', () => {
    const cache = new VerifiedTokenCache({ maxAgeMs: 10_000 });
    cache.set('short', claims({ exp: 5 }), 0, 0);
    cache.set('long', claims({ exp: 1_000 }), 0, 0);
    assert.ok(cache.get('short', 4_999, 0));
    assert.equal(cache.get('short', 5_000, 0), undefined);
    assert.ok(cache.get('long', 9_999, 0));
    assert.equal(cache.get('long', 10_000, 0), undefined);
  });

  it('checks nbf on every use', () => {
    const cache = new VerifiedTokenCache();
    cache.set('early', claims({ nbf: 100 }), 0, 0);
    assert.equal(cache.get('early', 99_000, 0), undefined);
  });

  it('forgets the least recently used token past maxEntries', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 2 });
    cache.set('a', claims({}), 0, 0);
    cache.set('b', claims({}), 0, 0);
    cache.get('a', 1, 0);
    cache.set('c', claims({}), 0, 0);
    assert.deepEqual([Boolean(cache.get('a', 1, 0)), Boolean(cache.get('b', 1, 0)), Boolean(cache.get('c', 1, 0))], [true, false, true]);
  });

  it('keys tokens by their SHA-256 digest, never the token itself', () => {
    assert.equal(VerifiedTokenCache.keyOf('header.payload.signature').length, 44);
    assert.ok(!VerifiedTokenCache.keyOf('header.payload.signature').includes('payload'));
  });
});
