import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { McpModule, McpRegistry } from 'nestjs-fastmcp';
import { McpAuthGuard, McpAuthModule, McpJwtModule } from 'nestjs-fastmcp/auth';
import { McpPersistenceModule } from 'nestjs-fastmcp/persistence';
import { McpRestModule } from 'nestjs-fastmcp/rest';
import { McpThrottlerGuard } from 'nestjs-fastmcp/throttler';
import { PIXEL, RestCatalog } from './fixtures/rest-catalog.fixture.js';
import { connectModern, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { sqliteDatabase, type TestDatabase } from './support/test-databases.js';
import { until } from './support/until.js';
import { ISSUER, mintToken, RESOURCE, SECRET } from './support/tokens.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { detail: string; pointer?: string }[];
}

/** The REST face over the same catalog as MCP: every route, every error class, the OpenAPI document. */
describe('REST and OpenAPI', () => {
  describe('without authentication', () => {
    let running: RunningApp;
    const api = (path: string) => `${running.baseUrl}/api${path}`;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(api(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const problemOf = async (response: Response) => {
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
      return (await response.json()) as Problem;
    };

    before(async () => {
      running = await startApp({
        imports: [
          McpModule.forRoot({ name: 'rest-app', version: '1.2.3', title: 'REST app', instructions: 'Use the tools.', maskErrors: true }),
          McpRestModule.forRoot({ prefix: 'api' }),
          ThrottlerModule.forRoot([{ ttl: 60_000, limit: 1_000 }]),
        ],
        providers: [RestCatalog, { provide: APP_GUARD, useClass: McpThrottlerGuard }],
      });
    });
    after(() => running?.close());

    it('describes the server', async () => {
      const server = (await (await fetch(api('/server'))).json()) as Record<string, unknown>;
      assert.equal(server.name, 'rest-app');
      assert.equal(server.version, '1.2.3');
      assert.equal(server.title, 'REST app');
      assert.equal(server.instructions, 'Use the tools.');
      assert.ok((server.capabilities as Record<string, unknown>).tools);
    });

    it('lists the tools tools/list lists, a page at a time', async () => {
      const { tools, nextCursor } = (await (await fetch(api('/tools'))).json()) as { tools: { name: string }[]; nextCursor?: string };
      const { client } = await connectModern(running.mcpUrl);
      const viaMcp = (await client.listTools()).tools.map((tool) => tool.name);
      await client.close();
      assert.deepEqual(tools.map((tool) => tool.name), viaMcp);
      assert.equal(nextCursor, undefined);
      const bad = await fetch(api('/tools?cursor=not-a-cursor'));
      assert.equal(bad.status, 400);
      await problemOf(bad);
    });

    it('calls a tool with the body as arguments: 200 with content and structuredContent', async () => {
      const echoed = await post('/tools/echo/call', { text: 'hi' });
      assert.equal(echoed.status, 200);
      assert.deepEqual(((await echoed.json()) as { content: unknown }).content, [{ type: 'text', text: 'hi' }]);
      const added = (await (await post('/tools/add/call', { a: 2, b: 3 })).json()) as { structuredContent: unknown };
      assert.deepEqual(added.structuredContent, { sum: 5 });
    });

    it('answers 400 with the failing fields for invalid arguments', async () => {
      const response = await post('/tools/add/call', { a: 'two', b: 3 });
      assert.equal(response.status, 400);
      const problem = await problemOf(response);
      assert.equal(problem.type, 'urn:nestjs-fastmcp:problem:invalid-arguments');
      assert.ok(problem.errors && problem.errors.length >= 1);
      assert.match(problem.errors.map((error) => error.detail).join(' '), /a/);
      const notAnObject = await post('/tools/add/call', [1, 2]);
      assert.equal(notAnObject.status, 400);
    });

    it('answers 404 for an unknown tool, resource or prompt', async () => {
      assert.equal((await post('/tools/nope/call', {})).status, 404);
      assert.equal((await fetch(api('/resources/read?uri=config://nope'))).status, 404);
      assert.equal((await fetch(api('/prompts/nope'))).status, 404);
    });

    it("answers 422 with the tool's own error, 500 masked for an unexpected one", async () => {
      const own = await post('/tools/reserve/call', { item: 'lamp' });
      assert.equal(own.status, 422);
      assert.equal((await problemOf(own)).detail, 'lamp is out of stock');
      const crash = await post('/tools/crash/call', {});
      assert.equal(crash.status, 500);
      const masked = await problemOf(crash);
      assert.doesNotMatch(JSON.stringify(masked), /db-internal/);
    });

    it("answers 504 for a tool past its timeout, 403 for a tool guard's refusal", async () => {
      const slow = await post('/tools/slow/call', {});
      assert.equal(slow.status, 504);
      assert.equal((await problemOf(slow)).type, 'urn:nestjs-fastmcp:problem:timeout');
      const closed = await post('/tools/closed/call', {});
      assert.equal(closed.status, 403);
    });

    it('answers 429 with Retry-After once a tool is throttled', async () => {
      assert.equal((await post('/tools/scarce/call', {})).status, 200);
      const throttled = await post('/tools/scarce/call', {});
      assert.equal(throttled.status, 429);
      assert.ok(Number(throttled.headers.get('retry-after')) >= 1);
      assert.equal((await problemOf(throttled)).type, 'urn:nestjs-fastmcp:problem:rate-limited');
    });

    it('lists and reads resources; a binary one as its own bytes when Accept asks for them', async () => {
      const { resources } = (await (await fetch(api('/resources'))).json()) as { resources: { uri: string }[] };
      assert.deepEqual(resources.map((resource) => resource.uri).sort(), ['config://app', 'img://pixel']);
      assert.equal((await fetch(api('/resources/read?uri=hr://salaries'))).status, 404, 'hidden as over MCP');
      const { resourceTemplates } = (await (await fetch(api('/resource-templates'))).json()) as { resourceTemplates: { uriTemplate: string }[] };
      assert.deepEqual(resourceTemplates.map((template) => template.uriTemplate), ['notes://{id}']);
      const json = (await (await fetch(api('/resources/read?uri=config://app'))).json()) as { contents: { text: string }[] };
      assert.deepEqual(JSON.parse(json.contents[0]!.text), { debug: false });
      const image = await fetch(api('/resources/read?uri=img://pixel'), { headers: { accept: 'image/png' } });
      assert.equal(image.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await image.arrayBuffer()), PIXEL);
      const templated = (await (await fetch(api(`/resources/read?uri=${encodeURIComponent('notes://7')}`))).json()) as { contents: { text: string }[] };
      assert.equal(templated.contents[0]!.text, 'note 7');
      assert.equal((await fetch(api('/resources/read'))).status, 400);
    });

    it('gets a prompt with query arguments or a JSON body', async () => {
      const { prompts } = (await (await fetch(api('/prompts'))).json()) as { prompts: { name: string }[] };
      assert.deepEqual(prompts.map((prompt) => prompt.name), ['greet']);
      assert.equal((await fetch(api('/prompts/layoff_memo?tone=warm'))).status, 404, 'hidden as over MCP');
      const viaQuery = (await (await fetch(api('/prompts/greet?name=Ada'))).json()) as { messages: { content: { text: string } }[] };
      assert.equal(viaQuery.messages[0]!.content.text, 'Say hello to Ada');
      const viaBody = (await (await post('/prompts/greet', { name: 'Bo' })).json()) as { messages: { content: { text: string } }[] };
      assert.equal(viaBody.messages[0]!.content.text, 'Say hello to Bo');
      assert.equal((await post('/prompts/greet', { name: 42 })).status, 400);
      assert.equal((await fetch(api('/prompts/greet'))).status, 400);
    });

    it('completes an argument', async () => {
      const response = await post('/complete', { ref: { type: 'ref/resource', uri: 'notes://{id}' }, argument: { name: 'id', value: 'al' } });
      assert.equal(response.status, 200);
      assert.deepEqual(((await response.json()) as { completion: { values: string[] } }).completion.values, ['alpha']);
      assert.equal((await post('/complete', { nothing: true })).status, 400);
    });

    it('publishes a valid OpenAPI 3.1 document with one operation per tool, its schemas and annotations', async () => {
      const document = (await (await fetch(api('/openapi.json'))).json()) as { openapi: string; paths: Record<string, Record<string, any>> };
      assert.equal(document.openapi, '3.1.0');
      await SwaggerParser.validate(structuredClone(document) as never);
      const { client } = await connectModern(running.mcpUrl);
      const tools = (await client.listTools()).tools;
      await client.close();
      for (const tool of tools) {
        const operation = document.paths[`/api/tools/${tool.name}/call`]?.post;
        assert.ok(operation, `an operation for ${tool.name}`);
        const { $schema: _, ...input } = tool.inputSchema as Record<string, unknown>;
        assert.deepEqual(operation.requestBody.content['application/json'].schema, input);
      }
      const echo = document.paths['/api/tools/echo/call']!.post;
      assert.deepEqual(echo['x-mcp-annotations'], { readOnlyHint: true });
      assert.ok(document.paths['/api/tools/add/call']!.post.responses['200'].content['application/json'].schema.properties.structuredContent);
      assert.ok(document.paths['/api/prompts/greet']!.get.parameters.some((parameter: { name: string }) => parameter.name === 'name'));
    });

    it('adds a tool registered at runtime to the document, and serves Swagger UI', async () => {
      const registry = running.app.get(McpRegistry);
      registry.addTool({ name: 'runtime_tool', description: 'added later', handler: () => 'ok' });
      try {
        const document = (await (await fetch(api('/openapi.json'))).json()) as { paths: Record<string, unknown> };
        assert.ok(document.paths['/api/tools/runtime_tool/call']);
        assert.equal(((await (await post('/tools/runtime_tool/call', {})).json()) as { content: { text: string }[] }).content[0]!.text, 'ok');
      } finally {
        registry.removeTool('runtime_tool');
      }
      const page = await fetch(api('/docs'));
      assert.match(await page.text(), /swagger-ui-bundle\.js/);
      const bundle = await fetch(api('/docs/swagger-ui-bundle.js'));
      assert.equal(bundle.status, 200);
      assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
      await bundle.arrayBuffer();
      assert.equal((await fetch(api('/docs/package.json'))).status, 404);
    });
  });

  describe('sessions and events', () => {
    let running: RunningApp;
    const api = (path: string) => `${running.baseUrl}/api${path}`;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(api(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    before(async () => {
      running = await startApp({
        imports: [McpModule.forRoot({ name: 'rest-events', version: '1.0.0', progressIntervalMs: 0 }), McpRestModule.forRoot({ prefix: 'api' }), ThrottlerModule.forRoot([{ ttl: 60_000, limit: 1_000 }])],
        providers: [RestCatalog],
      });
    });
    after(() => running?.close());

    /** Reads the named events of a stream until `done` says enough. */
    async function readEvents(sessionId: string, done: (events: { event: string; data: any }[]) => boolean, act: () => Promise<void>) {
      const abort = new AbortController();
      const response = await fetch(api(`/events?session=${sessionId}`), { signal: abort.signal });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const events: { event: string; data: any }[] = [];
      let buffer = '';
      const acted = act();
      const timer = setTimeout(() => abort.abort(), 10_000);
      try {
        while (!done(events)) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
            const event = field('event');
            if (event) events.push({ event, data: JSON.parse(field('data') ?? 'null') });
          }
        }
      } finally {
        clearTimeout(timer);
        abort.abort();
        await acted;
      }
      return events;
    }

    it('opens a session, streams the progress and the log messages at its level of a call, and ends it', async () => {
      const opened = await post('/sessions', {});
      assert.equal(opened.status, 201);
      const { id } = (await opened.json()) as { id: string };
      assert.equal((await post(`/sessions/${id}/logging-level`, { level: 'loud' })).status, 400);
      assert.equal((await post(`/sessions/${id}/logging-level`, { level: 'info' })).status, 200);
      const events = await readEvents(
        id,
        (seen) => seen.filter((each) => each.event === 'progress').length >= 3 && seen.filter((each) => each.event === 'log').length >= 3,
        async () => {
          const result = await post('/tools/count/call?progress=true', { n: 3 }, { 'mcp-rest-session': id });
          assert.equal(result.status, 200);
        },
      );
      const progress = events.filter((each) => each.event === 'progress').map((each) => each.data.progress);
      assert.deepEqual(progress, [1, 2, 3]);
      const logs = events.filter((each) => each.event === 'log');
      assert.ok(logs.every((each) => each.data.level === 'info'), 'debug messages stay below the session level');
      assert.equal(logs[0]!.data.tool, 'count');
      assert.equal((await fetch(api(`/sessions/${id}`), { method: 'DELETE' })).status, 204);
      assert.equal((await fetch(api(`/sessions/${id}`), { method: 'DELETE' })).status, 404);
      assert.equal((await post('/tools/count/call', { n: 1 }, { 'mcp-rest-session': id })).status, 404);
    });

    it('streams list changes and resource updates', async () => {
      const { id } = (await (await post('/sessions', {})).json()) as { id: string };
      const registry = running.app.get(McpRegistry);
      const events = await readEvents(
        id,
        (seen) => seen.some((each) => each.event === 'list_changed') && seen.some((each) => each.event === 'resource_updated'),
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          registry.setToolEnabled('echo', false);
          registry.setToolEnabled('echo', true);
          await post('/tools/touch_config/call', {});
        },
      );
      assert.deepEqual(events.find((each) => each.event === 'list_changed')!.data, { kind: 'tools' });
      assert.deepEqual(events.find((each) => each.event === 'resource_updated')!.data, { uri: 'config://app' });
      assert.equal((await fetch(api('/events?session=unknown'))).status, 404);
    });
  });

  describe('forRootAsync', () => {
    it('takes its prefix from a factory', async () => {
      const running = await startApp({
        imports: [McpModule.forRoot({ name: 'rest-async', version: '1.0.0' }), McpRestModule.forRootAsync({ useFactory: async () => ({ prefix: '/v2/' }), })],
        providers: [RestCatalog],
      });
      try {
        assert.equal(((await (await fetch(`${running.baseUrl}/v2/server`)).json()) as { name: string }).name, 'rest-async');
        const document = (await (await fetch(`${running.baseUrl}/v2/openapi.json`)).json()) as { paths: Record<string, unknown> };
        assert.ok(document.paths['/v2/tools/echo/call']);
      } finally {
        await running.close();
      }
    });
  });

  describe('audit', () => {
    let running: RunningApp;
    let db: TestDatabase;

    before(async () => {
      db = await sqliteDatabase();
      running = await startApp({
        imports: [
          McpAuthModule.forRoot({ resource: RESOURCE, authorizationServers: [ISSUER] }),
          McpJwtModule.forRoot({ secret: SECRET, issuer: ISSUER }),
          McpModule.forRoot({ name: 'rest-audit', version: '1.0.0', guards: [McpAuthGuard] }),
          McpRestModule.forRoot({ prefix: 'api' }),
          McpPersistenceModule.forRoot(db.config),
          ThrottlerModule.forRoot([{ ttl: 60_000, limit: 1_000 }]),
        ],
        providers: [RestCatalog],
      });
    });
    after(async () => {
      await running?.close();
      await db?.drop();
    });

    it('records REST calls in the audit with the REST caller, as MCP calls are', async () => {
      const headers = { authorization: `Bearer ${await mintToken({ sub: 'rita' })}`, 'content-type': 'application/json' };
      assert.equal((await fetch(`${running.baseUrl}/api/tools/echo/call`, { method: 'POST', headers, body: JSON.stringify({ text: 'audited' }) })).status, 200);
      assert.equal((await fetch(`${running.baseUrl}/api/tools/reserve/call`, { method: 'POST', headers, body: JSON.stringify({ item: 'lamp' }) })).status, 422);
      await until('two audit rows', async () => (await db.query(`SELECT id FROM mcp_tool_calls WHERE transport = 'rest'`)).length === 2);
      const rows = await db.query<{ tool: string; outcome: string; principal_id: string; era: string }>(`SELECT tool, outcome, principal_id, era FROM mcp_tool_calls WHERE transport = 'rest' ORDER BY created_at`);
      assert.deepEqual(
        rows.map(({ tool, outcome, principal_id, era }) => ({ tool, outcome, principal_id, era })),
        [
          { tool: 'echo', outcome: 'ok', principal_id: 'rita', era: 'modern' },
          { tool: 'reserve', outcome: 'error', principal_id: 'rita', era: 'modern' },
        ],
      );
    });
  });

  describe('with JWT roles and scopes', () => {
    let running: RunningApp;
    const api = (path: string) => `${running.baseUrl}/api${path}`;

    before(async () => {
      running = await startApp({
        imports: [
          McpAuthModule.forRoot({ resource: RESOURCE, authorizationServers: [ISSUER], scopesSupported: ['payroll:write'] }),
          McpJwtModule.forRoot({ secret: SECRET, issuer: ISSUER }),
          McpModule.forRoot({ name: 'rest-secure', version: '1.0.0', guards: [McpAuthGuard] }),
          McpRestModule.forRoot({ prefix: 'api' }),
          ThrottlerModule.forRoot([{ ttl: 60_000, limit: 1_000 }]),
        ],
        providers: [RestCatalog],
      });
    });
    after(() => running?.close());

    it('answers 401 with WWW-Authenticate without a token', async () => {
      const response = await fetch(api('/tools'));
      assert.equal(response.status, 401);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
    });

    it('answers 401 on every route without a token', async () => {
      const routes: [string, string][] = [
        ['GET', '/server'],
        ['GET', '/tools'],
        ['POST', '/tools/echo/call'],
        ['GET', '/resources'],
        ['GET', '/resource-templates'],
        ['GET', '/resources/read?uri=config://app'],
        ['GET', '/prompts'],
        ['GET', '/prompts/greet?name=x'],
        ['POST', '/prompts/greet'],
        ['POST', '/complete'],
        ['POST', '/sessions'],
        ['DELETE', '/sessions/any'],
        ['POST', '/sessions/any/logging-level'],
        ['GET', '/events?session=any'],
        ['GET', '/openapi.json'],
      ];
      for (const [method, path] of routes) {
        const response = await fetch(api(path), { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
        assert.equal(response.status, 401, `${method} ${path}`);
        assert.equal(response.headers.get('content-type'), 'application/problem+json', `${method} ${path}`);
      }
    });

    it("keeps a session to the principal that opened it", async () => {
      const rita = { authorization: `Bearer ${await mintToken({ sub: 'rita' })}` };
      const bob = { authorization: `Bearer ${await mintToken({ sub: 'bob' })}` };
      const json = { 'content-type': 'application/json' };
      const { id } = (await (await fetch(api('/sessions'), { method: 'POST', headers: { ...rita, ...json }, body: '{}' })).json()) as { id: string };
      assert.equal((await fetch(api(`/events?session=${id}`), { headers: bob })).status, 404);
      assert.equal((await fetch(api(`/sessions/${id}/logging-level`), { method: 'POST', headers: { ...bob, ...json }, body: JSON.stringify({ level: 'debug' }) })).status, 404);
      assert.equal((await fetch(api('/tools/echo/call'), { method: 'POST', headers: { ...bob, ...json, 'mcp-rest-session': id }, body: JSON.stringify({ text: 'x' }) })).status, 404);
      assert.equal((await fetch(api(`/sessions/${id}`), { method: 'DELETE', headers: bob })).status, 404);
      assert.equal((await fetch(api(`/sessions/${id}`), { method: 'DELETE', headers: rita })).status, 204);
    });

    it('hides and refuses exactly what MCP hides and refuses', async () => {
      for (const claims of [{ roles: [] }, { roles: ['admin'] }, { roles: ['admin'], scope: 'payroll:write' }]) {
        const token = await mintToken(claims);
        const headers = { authorization: `Bearer ${token}` };
        const listed = ((await (await fetch(api('/tools'), { headers })).json()) as { tools: { name: string }[] }).tools.map((tool) => tool.name);
        const { client } = await connectModern(running.mcpUrl, headers);
        const viaMcp = (await client.listTools()).tools.map((tool) => tool.name);
        assert.deepEqual(listed, viaMcp, `tools/list as ${JSON.stringify(claims)}`);
        const resources = ((await (await fetch(api('/resources'), { headers })).json()) as { resources: { uri: string }[] }).resources.map((resource) => resource.uri);
        assert.deepEqual(resources, (await client.listResources()).resources.map((resource) => resource.uri), `resources/list as ${JSON.stringify(claims)}`);
        const prompts = ((await (await fetch(api('/prompts'), { headers })).json()) as { prompts: { name: string }[] }).prompts.map((prompt) => prompt.name);
        assert.deepEqual(prompts, (await client.listPrompts()).prompts.map((prompt) => prompt.name), `prompts/list as ${JSON.stringify(claims)}`);
        const salaries = await fetch(api('/resources/read?uri=hr://salaries'), { headers });
        assert.equal(salaries.status, claims.roles.includes('admin') ? 200 : 404);
        const document = (await (await fetch(api('/openapi.json'), { headers })).json()) as { paths: Record<string, unknown> };
        assert.deepEqual(
          Object.keys(document.paths).filter((path) => path.endsWith('/call')).map((path) => path.split('/')[3]),
          listed,
          'the OpenAPI document shows the caller what it may call',
        );
        for (const [name, args] of [
          ['run_payroll', { month: 'May' }],
          ['adjust_salary', { employee: 'ann' }],
        ] as const) {
          const rest = await fetch(api(`/tools/${name}/call`), { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(args) });
          const mcp = await client.callTool({ name, arguments: args }).then(
            (result) => (result.isError ? 'refused' : textOf(result)),
            () => 'hidden',
          );
          if (mcp === 'hidden') assert.equal(rest.status, 404, `${name} hidden as ${JSON.stringify(claims)}`);
          else if (mcp === 'refused') assert.ok(rest.status === 403 || rest.status === 401, `${name} refused as ${JSON.stringify(claims)}: ${rest.status}`);
          else assert.equal(((await rest.json()) as { content: { text: string }[] }).content[0]!.text, mcp);
        }
        await client.close();
      }
    });
  });
});
