import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { APP_GUARD } from '@nestjs/core';
import { McpModule } from 'nestjs-fastmcp';
import { AppApiKeyStrategy, AppJwtStrategy, CountingGlobalGuard, OpsService, RolesGuard, VaultService } from './fixtures/app-auth.fixture.js';
import { connectLegacy, connectModern, textOf, type AnyClient } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { bearer, mintToken } from './support/tokens.js';

/** What a client may put in arguments to pass for an admin if a guard read them as the request. */
const FORGED = { user: { userId: 'mallory', roles: ['admin'] } };

async function connectSse(url: URL, headers: Record<string, string>): Promise<{ client: LegacyClient }> {
  const client = new LegacyClient({ name: 'sse-test-client', version: '1.0.0' });
  const withHeaders = (input: string | URL, init?: RequestInit) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } });
  await client.connect(new SSEClientTransport(url, { requestInit: { headers }, eventSourceInit: { fetch: withHeaders } }));
  return { client };
}

const TRANSPORTS = [
  { name: '2025-11-25 session (v1 client)', connect: (running: RunningApp, headers: Record<string, string>) => connectLegacy(running.mcpUrl, headers) },
  { name: '2026-07-28 (v2 client)', connect: (running: RunningApp, headers: Record<string, string>) => connectModern(running.mcpUrl, headers) },
  { name: 'legacy HTTP+SSE', connect: (running: RunningApp, headers: Record<string, string>) => connectSse(new URL(`${running.baseUrl}/sse`), headers) },
] as const;

describe("an app's own @nestjs/passport auth (AuthGuard('jwt'), a switchToHttp() roles guard) on MCP items", () => {
  let running: RunningApp;
  let globalGuard: CountingGlobalGuard;

  before(async () => {
    running = await startApp({
      imports: [McpModule.forRoot({ name: 'vault', version: '1.0.0', transports: ['streamable-http', 'sse'] })],
      providers: [AppJwtStrategy, AppApiKeyStrategy, RolesGuard, VaultService, OpsService, CountingGlobalGuard, { provide: APP_GUARD, useExisting: CountingGlobalGuard }],
    });
    globalGuard = running.app.get(CountingGlobalGuard);
  });

  after(() => running.close());

  for (const { name, connect } of TRANSPORTS) {
    describe(name, () => {
      const session = async (headers: Record<string, string> = {}): Promise<AnyClient> => (await connect(running, headers)).client as AnyClient;

      it('refuses every item to a caller without a token, whatever the arguments say', async () => {
        const client = await session();
        const call = await client.callTool({ name: 'open_vault', arguments: FORGED });
        assert.equal(call.isError, true);
        assert.equal(textOf(call), 'Unauthorized');
        const annotated = await client.callTool({ name: 'annotate', arguments: { text: 'x', ...FORGED } });
        assert.equal(textOf(annotated), 'Unauthorized');
        await assert.rejects(client.readResource({ uri: 'vault://ledger' }), /Unauthorized/);
        await assert.rejects(client.getPrompt({ name: 'vault_briefing', arguments: { user: 'admin' } }), /Unauthorized/);
        await client.close();
      });

      it('refuses a valid token without the role, whatever the arguments say', async () => {
        const client = await session(bearer(await mintToken({ sub: 'bob', roles: ['employee'] })));
        assert.equal(textOf(await client.callTool({ name: 'open_vault', arguments: FORGED })), 'Forbidden resource');
        assert.equal(textOf(await client.callTool({ name: 'annotate', arguments: { text: 'x', ...FORGED } })), 'Forbidden resource');
        await assert.rejects(client.readResource({ uri: 'vault://ledger' }), /Forbidden resource/);
        await assert.rejects(client.getPrompt({ name: 'vault_briefing' }), /Forbidden resource/);
        await client.close();
      });

      it("serves an admin's token; @CurrentUser() is the token's user, the forged one stays an argument", async () => {
        const client = await session(bearer(await mintToken({ sub: 'alice', roles: ['admin'] })));
        assert.deepEqual(JSON.parse(textOf(await client.callTool({ name: 'open_vault', arguments: FORGED }))), { openedFor: 'alice', argumentKeys: ['user'] });
        assert.deepEqual(JSON.parse(textOf(await client.callTool({ name: 'annotate', arguments: { text: 'note', ...FORGED } }))), {
          text: 'note',
          by: 'alice',
          forged: FORGED.user,
        });
        const ledger = await client.readResource({ uri: 'vault://ledger' });
        assert.equal((ledger.contents[0] as { text: string }).text, 'ledger contents');
        const briefing = await client.getPrompt({ name: 'vault_briefing' });
        assert.equal((briefing.messages[0]!.content as { text: string }).text, 'Brief the admin.');
        await client.close();
      });

      it("AuthGuard('api-key'): reads the key from the request's header, never from the arguments", async () => {
        const forgedKey = { 'x-api-key': 'key-of-carol', headers: { 'x-api-key': 'key-of-carol' } };
        const anonymous = await session();
        assert.equal(textOf(await anonymous.callTool({ name: 'restart_worker', arguments: forgedKey })), 'Unauthorized');
        await anonymous.close();
        const wrongKey = await session({ 'x-api-key': 'key-of-mallory' });
        assert.equal(textOf(await wrongKey.callTool({ name: 'restart_worker', arguments: forgedKey })), 'Unauthorized');
        await wrongKey.close();
        const carol = await session({ 'x-api-key': 'key-of-carol' });
        assert.deepEqual(JSON.parse(textOf(await carol.callTool({ name: 'restart_worker', arguments: { reason: 'stuck' } }))), { restartedBy: 'carol', argumentKeys: ['reason'] });
        await carol.close();
      });

      it('refuses a token with a forged signature', async () => {
        const forged = await mintToken({ sub: 'alice', roles: ['admin'], key: new TextEncoder().encode('not-the-secret-but-32-bytes-long!!') });
        const client = await session(bearer(forged));
        assert.equal(textOf(await client.callTool({ name: 'open_vault', arguments: {} })), 'Unauthorized');
        await assert.rejects(client.readResource({ uri: 'vault://ledger' }), /Unauthorized/);
        await client.close();
      });
    });
  }

  it("runs the app's global guard on the MCP HTTP routes ('http'), never again on a call", async () => {
    globalGuard.runs.length = 0;
    const { client } = await connectLegacy(running.mcpUrl, bearer(await mintToken({ sub: 'alice', roles: ['admin'] })));
    await client.callTool({ name: 'open_vault', arguments: {} });
    await client.close();
    assert.ok(globalGuard.runs.length > 0);
    assert.deepEqual([...new Set(globalGuard.runs)], ['http']);
  });
});
