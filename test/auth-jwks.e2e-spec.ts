import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { exportJWK, exportSPKI } from 'jose';
import { McpModule } from 'nestjs-fastmcp';
import { McpAuthGuard, McpAuthModule, McpJwtModule } from 'nestjs-fastmcp/auth';
import { HrService } from './fixtures/hr.service.js';
import { connectModern, textOf } from './support/clients.js';
import { INITIALIZE, postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { bearer, ISSUER, mintToken, RESOURCE, rsaKeyPair } from './support/tokens.js';

const appWith = (jwt: Parameters<typeof McpJwtModule.forRoot>[0]) => ({
  imports: [
    McpAuthModule.forRoot({ resource: RESOURCE, authorizationServers: [ISSUER] }),
    McpJwtModule.forRoot(jwt),
    McpModule.forRoot({ name: 'hr', version: '1.0.0', guards: [McpAuthGuard] }),
  ],
  providers: [HrService],
});

describe('JWT signed by the authorization server, keys from its JWKS', () => {
  let running: RunningApp;
  let jwks: Server;
  let jwksHits = 0;
  let signing: Awaited<ReturnType<typeof rsaKeyPair>>;
  let stranger: Awaited<ReturnType<typeof rsaKeyPair>>;

  before(async () => {
    signing = await rsaKeyPair();
    stranger = await rsaKeyPair();
    const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'k1', use: 'sig', alg: 'RS256' };
    jwks = createServer((_req, res) => {
      jwksHits++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as { port: number };
    running = await startApp(appWith({ jwksUri: `http://127.0.0.1:${port}/jwks.json`, issuer: ISSUER }));
  });

  after(async () => {
    await running.close();
    jwks.close();
  });

  it('accepts a token signed with the published key, fetching the key set once', async () => {
    const token = await mintToken({ sub: 'frank', key: signing.privateKey, alg: 'RS256', kid: 'k1' });
    for (let i = 0; i < 2; i++) {
      const { client } = await connectModern(running.mcpUrl, bearer(token));
      assert.equal(JSON.parse(textOf(await client.callTool({ name: 'whoami', arguments: {} }))).sub, 'frank');
      await client.close();
    }
    assert.equal(jwksHits, 1);
  });

  it('refuses a token whose key id is not published, refetching the set at most once per cooldown', async () => {
    const hitsBefore = jwksHits;
    for (let i = 0; i < 3; i++) {
      const token = await mintToken({ key: stranger.privateKey, alg: 'RS256', kid: `rotated-${i}` });
      assert.equal((await postJson(running.mcpUrl, INITIALIZE, bearer(token))).status, 401);
    }
    assert.ok(jwksHits - hitsBefore <= 1, `JWKS fetched ${jwksHits - hitsBefore} times`);
  });

  it('refuses a token claiming the published key id but signed with another key', async () => {
    const token = await mintToken({ key: stranger.privateKey, alg: 'RS256', kid: 'k1' });
    assert.equal((await postJson(running.mcpUrl, INITIALIZE, bearer(token))).status, 401);
  });

  it('refuses an HS256 token (no algorithm confusion with asymmetric keys)', async () => {
    assert.equal((await postJson(running.mcpUrl, INITIALIZE, bearer(await mintToken({ kid: 'k1' })))).status, 401);
  });
});

describe('JWT verified with a PEM public key', () => {
  let running: RunningApp;
  let signing: Awaited<ReturnType<typeof rsaKeyPair>>;

  before(async () => {
    signing = await rsaKeyPair();
    running = await startApp(appWith({ publicKey: await exportSPKI(signing.publicKey), issuer: ISSUER }));
  });

  after(() => running.close());

  it('accepts a token signed with the matching private key, and only that', async () => {
    const good = await mintToken({ sub: 'gina', key: signing.privateKey, alg: 'RS256' });
    const { client } = await connectModern(running.mcpUrl, bearer(good));
    assert.equal(JSON.parse(textOf(await client.callTool({ name: 'whoami', arguments: {} }))).sub, 'gina');
    await client.close();
    const forged = await mintToken({ key: (await rsaKeyPair()).privateKey, alg: 'RS256' });
    assert.equal((await postJson(running.mcpUrl, INITIALIZE, bearer(forged))).status, 401);
  });
});
