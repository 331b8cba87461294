import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { McpModule, McpRegistry } from 'nestjs-fastmcp';
import { McpAuthGuard, McpAuthModule, McpJwtModule } from 'nestjs-fastmcp/auth';
import { McpRestModule } from 'nestjs-fastmcp/rest';
import { McpThrottlerGuard } from 'nestjs-fastmcp/throttler';
import { PIXEL, RestCatalog } from './fixtures/rest-catalog.fixture.js';
import { connectModern, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
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

    it('hides and refuses exactly what MCP hides and refuses', async () => {
      for (const claims of [{ roles: [] }, { roles: ['admin'] }, { roles: ['admin'], scope: 'payroll:write' }]) {
        const token = await mintToken(claims);
        const headers = { authorization: `Bearer ${token}` };
        const listed = ((await (await fetch(api('/tools'), { headers })).json()) as { tools: { name: string }[] }).tools.map((tool) => tool.name);
        const { client } = await connectModern(running.mcpUrl, headers);
        const viaMcp = (await client.listTools()).tools.map((tool) => tool.name);
        assert.deepEqual(listed, viaMcp, `tools/list as ${JSON.stringify(claims)}`);
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
