import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { APP_GUARD } from '@nestjs/core';
import { McpModule } from 'nestjs-fastmcp';
import { hashMcpApiKey, McpApiKeyModule, McpAuthGuard, McpAuthModule, McpJwtModule } from 'nestjs-fastmcp/auth';
import { HrService } from './fixtures/hr.service.js';
import { ERAS, textOf } from './support/clients.js';
import { INITIALIZE, postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { bearer, ISSUER, mintToken, RESOURCE, SECRET } from './support/tokens.js';

const CI_KEY = 'mcp_ci_7Jq2v9XkPz0aLr4sWbYc1dNe8fGh3iTu';
const ADMIN_KEY = 'mcp_ops_Qm5nB2xC7vZ1aS9dF4gH6jK8lP0oI3uY';

describe('API keys (stored hashed, compared in constant time) next to JWTs, McpAuthGuard as APP_GUARD', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({
      imports: [
        McpAuthModule.forRootAsync({
          useFactory: async () => ({ resource: RESOURCE, authorizationServers: [ISSUER], strategies: ['mcp-jwt', 'mcp-api-key'] }),
        }),
        McpJwtModule.forRoot({ secret: SECRET, issuer: ISSUER }),
        McpApiKeyModule.forRoot({
          keys: [
            { id: 'ci', hash: hashMcpApiKey(CI_KEY), roles: ['employee'] },
            { id: 'ops', hash: hashMcpApiKey(ADMIN_KEY), roles: ['admin'], scopes: ['hr:write'] },
          ],
        }),
        McpModule.forRoot({ name: 'hr', version: '1.0.0' }),
      ],
      providers: [HrService, { provide: APP_GUARD, useClass: McpAuthGuard }],
    });
  });

  after(() => running.close());

  for (const { era, connect } of ERAS) {
    it(`accepts a key in x-api-key and as a bearer token, ${era}`, async () => {
      for (const headers of [{ 'x-api-key': CI_KEY }, bearer(CI_KEY)]) {
        const { client } = await connect(running.mcpUrl, headers);
        assert.deepEqual(JSON.parse(textOf(await client.callTool({ name: 'whoami', arguments: {} }))), {
          sub: 'apikey:ci',
          ctxUser: 'apikey:ci',
          roles: ['employee'],
          via: 'api-key',
        });
        assert.ok(!(await client.listTools()).tools.some((tool) => tool.name === 'run_payroll'));
        await client.close();
      }
    });
  }

  it("gives a key its record's roles and scopes", async () => {
    const { client } = await ERAS[0].connect(running.mcpUrl, { 'x-api-key': ADMIN_KEY });
    assert.equal(textOf(await client.callTool({ name: 'run_payroll', arguments: {} })), 'payroll started');
    assert.equal(textOf(await client.callTool({ name: 'update_salary', arguments: { employee: 'bob', amount: 2 } })), 'bob now earns 2');
    await client.close();
  });

  it('refuses an unknown key, a near-miss key and an empty key with 401', async () => {
    for (const key of ['mcp_nope', `${CI_KEY.slice(0, -1)}x`, CI_KEY.toUpperCase()]) {
      const response = await postJson(running.mcpUrl, INITIALIZE, { 'x-api-key': key });
      assert.equal(response.status, 401, key);
      assert.equal(((await response.json()) as { error: string }).error, 'invalid_token');
    }
    assert.equal((await postJson(running.mcpUrl, INITIALIZE, { 'x-api-key': '' })).status, 401);
  });

  it('still accepts JWTs when both strategies are configured', async () => {
    const { client } = await ERAS[1].connect(running.mcpUrl, bearer(await mintToken({ sub: 'erin' })));
    assert.equal(JSON.parse(textOf(await client.callTool({ name: 'whoami', arguments: {} }))).via, 'jwt');
    await client.close();
  });

  it('as a global guard, leaves the RFC 9728 document public', async () => {
    assert.equal((await fetch(`${running.baseUrl}/.well-known/oauth-protected-resource/mcp`)).status, 200);
  });
});

describe('McpAuthModule misconfiguration', () => {
  it('fails at bootstrap naming a strategy no module registered', async () => {
    await assert.rejects(
      startApp({
        imports: [
          McpAuthModule.forRoot({ resource: RESOURCE, authorizationServers: [ISSUER], strategies: ['nobody-registered-this'] }),
          McpModule.forRoot({ name: 'hr', version: '1.0.0', guards: [McpAuthGuard] }),
        ],
      }),
      /no passport strategy named "nobody-registered-this"/,
    );
  });
});
