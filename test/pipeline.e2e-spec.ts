import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Injectable, type INestApplication, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { McpModule, McpTool } from 'nestjs-fastmcp';
import {
  GlobalCallGuard,
  GlobalRecordingGuard,
  OutOfStockFilter,
  RequestScopedService,
  seen,
  ShopService,
  TrimPipe,
} from './fixtures/pipeline.fixture.js';
import { connectLegacy, ERAS, textOf, type AnyClient } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

for (const { era, connect } of ERAS) {
  describe(`Nest pipeline around MCP handlers, ${era}`, () => {
    let running: RunningApp;
    let client: AnyClient;
    let tenantClient: AnyClient;

    before(async () => {
      running = await startApp({
        imports: [McpModule.forRoot({ name: 'shop', version: '1.0.0' })],
        providers: [ShopService, RequestScopedService, OutOfStockFilter, { provide: APP_GUARD, useClass: GlobalRecordingGuard }, { provide: APP_GUARD, useClass: GlobalCallGuard }],
      });
      ({ client } = await connect(running.mcpUrl));
      ({ client: tenantClient } = await connect(running.mcpUrl, { 'x-tenant': 'acme' }));
    });

    after(async () => {
      await client.close();
      await tenantClient.close();
      await running.close();
    });

    beforeEach(() => {
      seen.length = 0;
    });

    it('runs a method guard: denial becomes an isError result, not a crash', async () => {
      const denied = await client.callTool({ name: 'vault', arguments: { secret: 'guess' } });
      assert.equal(denied.isError, true);
      assert.equal(textOf(denied), 'Forbidden resource');
      assert.equal(textOf(await client.callTool({ name: 'vault', arguments: { secret: 'open-sesame' } })), 'gold');
    });

    it('lets guards read HTTP headers of the MCP request', async () => {
      assert.equal((await client.callTool({ name: 'tenant_only', arguments: {} })).isError, true);
      assert.equal(textOf(await tenantClient.callTool({ name: 'tenant_only', arguments: {} })), 'tenant data');
    });

    it('runs a global guard once per HTTP request, on the route ("http"), not again on the call', async () => {
      await client.callTool({ name: 'shout', arguments: { text: 'x' } });
      assert.deepEqual(seen.filter((entry) => entry.startsWith('global-guard:')), ['global-guard:http']);
    });

    it('runs a global guard marked @McpAlsoOnCalls() on the route and on the call, with the tool as handler', async () => {
      await client.callTool({ name: 'shout', arguments: { text: 'x' } });
      assert.deepEqual(seen.filter((entry) => entry.startsWith('call-guard:')), ['call-guard:http:handlePost', 'call-guard:mcp:shout']);
    });

    it('runs interceptors that see the call and map its result', async () => {
      const result = await client.callTool({ name: 'shout', arguments: { text: 'hello' } });
      assert.equal(textOf(result), 'HELLO');
      assert.ok(seen.includes('interceptor:mcp:tools/call:shout:{"text":"hello"}'), seen.join(', '));
    });

    it('runs @UsePipes pipes on the arguments', async () => {
      assert.equal(textOf(await client.callTool({ name: 'trimmed', arguments: { text: '  padded  ' } })), '[padded]');
    });

    it('supports @McpArgs(property, pipe) and @McpCtx() parameters', async () => {
      assert.equal(textOf(await client.callTool({ name: 'pick', arguments: { word: ' hi ', count: 1 } })), 'hi:tools/call');
    });

    it('runs exception filters, whose return value becomes the result', async () => {
      const result = await client.callTool({ name: 'buy', arguments: {} });
      assert.equal(result.isError, true);
      assert.equal(textOf(result), 'Sorry: no more widgets');
      assert.ok(seen.includes('filter:mcp'));
    });

    it('resolves a request-scoped provider per call, with the HTTP request injected', async () => {
      const first = JSON.parse(textOf(await client.callTool({ name: 'scoped', arguments: {} })));
      const second = JSON.parse(textOf(await client.callTool({ name: 'scoped', arguments: {} })));
      assert.notEqual(first.instance, second.instance);
      assert.equal(first.userAgent, 'string');
    });
  });
}

@Injectable()
class PlainEcho {
  @McpTool({ name: 'plain_echo' })
  echo(args: { text: string }) {
    return `[${args.text}]`;
  }
}

describe('global pipes around an undecorated MCP handler', () => {
  const cases: Array<[string, { providers?: Provider[]; configure?: (app: INestApplication) => void }, string]> = [
    ['no pipe: the arguments as sent', {}, '[  padded  ]'],
    ['app.useGlobalPipes()', { configure: (app) => app.useGlobalPipes(new TrimPipe()) }, '[padded]'],
    ['an APP_PIPE provider', { providers: [{ provide: APP_PIPE, useClass: TrimPipe }] }, '[padded]'],
  ];
  for (const [what, { providers = [], configure }, expected] of cases) {
    it(`runs ${what}`, async () => {
      const running = await startApp({ imports: [McpModule.forRoot({ name: 'pipes', version: '1.0.0' })], providers: [PlainEcho, ...providers] }, '/mcp', configure);
      const { client } = await connectLegacy(running.mcpUrl);
      try {
        assert.equal(textOf(await client.callTool({ name: 'plain_echo', arguments: { text: '  padded  ' } })), expected);
      } finally {
        await client.close();
        await running.close();
      }
    });
  }
});
