import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { McpModule, McpTool, type McpContext } from 'nestjs-fastmcp';
import { McpAuthGuard, McpAuthModule, McpJwtModule } from 'nestjs-fastmcp/auth';
import { HrService } from './fixtures/hr.service.js';
import { connectLegacy, ERAS, textOf } from './support/clients.js';
import { INITIALIZE, postInSession, postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { bearer, ISSUER, mintToken, RESOURCE, RESOURCE_METADATA_URL, SECRET } from './support/tokens.js';

const authModules = () => [
  McpAuthModule.forRoot({ resource: RESOURCE, authorizationServers: [ISSUER], scopesSupported: ['hr:read', 'hr:write'], resourceName: 'HR' }),
  McpJwtModule.forRoot({ secret: SECRET, issuer: ISSUER }),
  McpModule.forRoot({ name: 'hr', version: '1.0.0', guards: [McpAuthGuard], transports: ['streamable-http', 'sse'] }),
];

describe('MCP endpoint as an OAuth 2.1 resource server (JWT, HS256)', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({ imports: authModules(), providers: [HrService] });
  });

  after(() => running.close());

  it('serves RFC 9728 metadata at the path-aware and the root well-known URL', async () => {
    const expected = {
      resource: RESOURCE,
      authorization_servers: [ISSUER],
      scopes_supported: ['hr:read', 'hr:write'],
      resource_name: 'HR',
      bearer_methods_supported: ['header'],
    };
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const response = await fetch(`${running.baseUrl}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual(await response.json(), expected);
    }
    assert.equal((await fetch(`${running.baseUrl}/.well-known/oauth-protected-resource/elsewhere`)).status, 404);
  });

  it('answers a request without credentials with 401 and a challenge pointing at the metadata, without an error code (RFC 6750 3.1)', async () => {
    const response = await postJson(running.mcpUrl, INITIALIZE);
    assert.equal(response.status, 401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    assert.equal(challenge, `Bearer resource_metadata="${RESOURCE_METADATA_URL}", scope="hr:read hr:write"`);
    assert.doesNotMatch(challenge, /error=/);
    assert.deepEqual(await response.json(), { message: 'Missing credentials', error: 'Unauthorized', statusCode: 401 });
  });

  const refused: Array<[string, () => Promise<string>, string]> = [
    ['an expired token', () => mintToken({ exp: Math.floor(Date.now() / 1000) - 60 }), 'Token has expired'],
    ['a token signed with another secret', () => mintToken({ key: new TextEncoder().encode('another-secret-of-at-least-32-bytes') }), 'Invalid credentials'],
    ['a token minted for another service (audience)', () => mintToken({ aud: 'https://billing.test.example/api' }), 'Invalid credentials'],
    ['a token from another issuer', () => mintToken({ iss: 'https://evil.test.example' }), 'Invalid credentials'],
    ['a malformed token', async () => 'not.a.jwt', 'Invalid credentials'],
  ];
  for (const [what, token, description] of refused) {
    it(`refuses ${what} with 401`, async () => {
      const response = await postJson(running.mcpUrl, INITIALIZE, bearer(await token()));
      assert.equal(response.status, 401);
      assert.ok(response.headers.get('www-authenticate')?.includes(`resource_metadata="${RESOURCE_METADATA_URL}"`));
      assert.equal(((await response.json()) as { error_description: string }).error_description, description);
    });
  }

  it('protects the legacy SSE routes too', async () => {
    assert.equal((await fetch(`${running.baseUrl}/sse`)).status, 401);
    const messages = await postJson(`${running.baseUrl}/messages?sessionId=x`, { jsonrpc: '2.0', id: 1, method: 'ping' });
    assert.equal(messages.status, 401);
    const controller = new AbortController();
    const stream = await fetch(`${running.baseUrl}/sse`, { headers: bearer(await mintToken()), signal: controller.signal });
    assert.equal(stream.status, 200);
    assert.equal(stream.headers.get('content-type'), 'text/event-stream');
    controller.abort();
  });

  for (const { era, connect } of ERAS) {
    describe(era, () => {
      it('serves a valid token and hands the principal to handlers as ctx.user and @McpUser()', async () => {
        const { client } = await connect(running.mcpUrl, bearer(await mintToken({ sub: 'alice', roles: ['employee'] })));
        const me = JSON.parse(textOf(await client.callTool({ name: 'whoami', arguments: {} })));
        assert.deepEqual(me, { sub: 'alice', ctxUser: 'alice', roles: ['employee'], via: 'jwt' });
        await client.close();
      });

      it('hides role- and scope-restricted items from a plain user and refuses them when asked by name', async () => {
        const { client } = await connect(running.mcpUrl, bearer(await mintToken({ sub: 'bob', roles: ['employee'], scope: 'hr:read' })));
        assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name), ['whoami', 'list_employees']);
        assert.deepEqual((await client.listPrompts()).prompts.map((prompt) => prompt.name), ['welcome']);
        assert.deepEqual((await client.listResources()).resources.map((resource) => resource.uri), ['hr://handbook']);
        assert.deepEqual((await client.listResourceTemplates()).resourceTemplates, []);
        await assert.rejects(client.callTool({ name: 'run_payroll', arguments: {} }), /Tool run_payroll not found/);
        await assert.rejects(client.getPrompt({ name: 'layoff_memo' }), /Prompt layoff_memo not found/);
        await assert.rejects(client.readResource({ uri: 'hr://salaries' }), /not found/i);
        await assert.rejects(client.readResource({ uri: 'hr://employees/7/review' }), /not found/i);
        await client.close();
      });

      it('shows and serves the same items to an admin, in declaration order', async () => {
        const { client } = await connect(running.mcpUrl, bearer(await mintToken({ sub: 'carol', roles: ['admin'], scope: 'hr:read hr:write' })));
        assert.deepEqual(
          (await client.listTools()).tools.map((tool) => tool.name),
          ['whoami', 'list_employees', 'run_payroll', 'update_salary'],
        );
        assert.deepEqual((await client.listPrompts()).prompts.map((prompt) => prompt.name), ['layoff_memo', 'welcome']);
        assert.deepEqual((await client.listResources()).resources.map((resource) => resource.uri), ['hr://handbook', 'hr://salaries']);
        assert.equal(textOf(await client.callTool({ name: 'run_payroll', arguments: {} })), 'payroll started');
        assert.equal(textOf(await client.callTool({ name: 'update_salary', arguments: { employee: 'ann', amount: 120 } })), 'ann now earns 120');
        const review = await client.readResource({ uri: 'hr://employees/7/review' });
        assert.equal((review.contents[0] as { text: string }).text, 'Review of 7');
        await client.close();
      });
    });
  }

  it('hands the principal to handlers over legacy SSE, with the same visibility rules', async () => {
    const headers = bearer(await mintToken({ sub: 'erin', roles: ['employee'] }));
    const client = new LegacyClient({ name: 'sse-client', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${running.baseUrl}/sse`), { requestInit: { headers }, eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...headers } }) } }));
    assert.deepEqual(JSON.parse(textOf(await client.callTool({ name: 'whoami', arguments: {} }))), { sub: 'erin', ctxUser: 'erin', roles: ['employee'], via: 'jwt' });
    assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name), ['whoami', 'list_employees']);
    await client.close();
  });

  it('hands the principal to handlers on a session request the SDK serves (not the direct path)', async () => {
    const headers = bearer(await mintToken({ sub: 'frank', roles: ['employee'] }));
    const opened = await postJson(running.mcpUrl, INITIALIZE, headers);
    const sessionId = opened.headers.get('mcp-session-id')!;
    await postInSession(running.mcpUrl, sessionId, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
    // A key the direct path does not know sends the call through the SDK transport.
    const call = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'whoami', arguments: {}, unknownKey: true } };
    const answer = await postInSession(running.mcpUrl, sessionId, call, headers);
    // An SSE answer: a priming event, then the result.
    const data = (await answer.text()).split('\n').find((line) => line.startsWith('data: {'));
    const message = JSON.parse(data!.slice('data: '.length)) as { result: unknown };
    assert.deepEqual(JSON.parse(textOf(message.result)), { sub: 'frank', ctxUser: 'frank', roles: ['employee'], via: 'jwt' });
  });

  it('answers 403 insufficient_scope naming the scope when a call needs one the token lacks', async () => {
    const headers = bearer(await mintToken({ sub: 'dave', roles: ['admin'], scope: 'hr:read' }));
    const { client, transport } = await connectLegacy(running.mcpUrl, headers);
    const call = { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'update_salary', arguments: { employee: 'bob', amount: 1 } } };
    const response = await postInSession(running.mcpUrl, transport.sessionId!, call, headers);
    assert.equal(response.status, 403);
    const challenge = response.headers.get('www-authenticate') ?? '';
    assert.ok(challenge.startsWith('Bearer error="insufficient_scope"'), challenge);
    assert.ok(challenge.includes('scope="hr:write"'), challenge);
    assert.ok(challenge.includes(`resource_metadata="${RESOURCE_METADATA_URL}"`), challenge);
    // The rest of the session is unaffected.
    assert.equal(textOf(await client.callTool({ name: 'list_employees', arguments: {} })), 'ann, bob');
    await client.close();
  });

  it('refuses a session id replayed by another user with a bare 404, and keeps serving its owner', async () => {
    const alice = bearer(await mintToken({ sub: 'alice' }));
    const mallory = bearer(await mintToken({ sub: 'mallory', roles: ['admin'] }));
    const { client, transport } = await connectLegacy(running.mcpUrl, alice);
    const sessionId = transport.sessionId!;

    const replay = await postInSession(running.mcpUrl, sessionId, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, mallory);
    assert.equal(replay.status, 404);
    assert.deepEqual(await replay.json(), { jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
    const unknown = await postInSession(running.mcpUrl, 'no-such-session', { jsonrpc: '2.0', id: 2, method: 'tools/list' }, mallory);
    assert.equal(unknown.status, 404, 'an unknown id and a foreign id look the same');

    const hijackDelete = await fetch(running.mcpUrl, { method: 'DELETE', headers: { 'mcp-session-id': sessionId, ...mallory } });
    assert.equal(hijackDelete.status, 404);
    assert.equal(textOf(await client.callTool({ name: 'list_employees', arguments: {} })), 'ann, bob');
    await client.close();
  });

  it('refuses SSE messages posted by another user to a stream someone else opened', async () => {
    const alice = bearer(await mintToken({ sub: 'alice' }));
    const controller = new AbortController();
    const stream = await fetch(`${running.baseUrl}/sse`, { headers: alice, signal: controller.signal });
    const reader = stream.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    const endpoint = /data: (\S+)/.exec(text)![1]!;
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    const foreign = await postJson(`${running.baseUrl}${endpoint}`, ping, bearer(await mintToken({ sub: 'mallory' })));
    assert.equal(foreign.status, 404);
    assert.equal((await postJson(`${running.baseUrl}${endpoint}`, ping, alice)).status, 202);
    controller.abort();
  });
});

describe('module-wide required scopes', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({
      imports: [
        McpAuthModule.forRoot({ resource: RESOURCE, authorizationServers: [ISSUER], requiredScopes: ['mcp:access'] }),
        McpJwtModule.forRoot({ secret: SECRET, issuer: ISSUER }),
        McpModule.forRoot({ name: 'hr', version: '1.0.0', guards: [McpAuthGuard] }),
      ],
      providers: [HrService],
    });
  });

  after(() => running.close());

  it('answers a token without them with 403 insufficient_scope, and a 401 asks for them', async () => {
    const without = await postJson(running.mcpUrl, INITIALIZE, bearer(await mintToken({ scope: 'hr:read' })));
    assert.equal(without.status, 403);
    assert.deepEqual(await without.json(), { error: 'insufficient_scope', error_description: 'Insufficient scope' });
    assert.ok(without.headers.get('www-authenticate')?.includes('scope="mcp:access"'));
    const anonymous = await postJson(running.mcpUrl, INITIALIZE);
    assert.ok(anonymous.headers.get('www-authenticate')?.includes('scope="mcp:access"'));
  });

  it('serves a token that carries them', async () => {
    const { client } = await connectLegacy(running.mcpUrl, bearer(await mintToken({ scope: 'mcp:access' })));
    assert.equal(textOf(await client.callTool({ name: 'list_employees', arguments: {} })), 'ann, bob');
    await client.close();
  });
});

type PlatformRequest = Request & { user?: { sub: string } };
const onFastify = process.env.MCP_TEST_PLATFORM === 'fastify';

/** A header read through the platform's own request API: Express's `req.get()`, Fastify's `headers`. */
function tagOf(req: PlatformRequest): string | undefined {
  return onFastify ? (req.headers['x-request-tag'] as string | undefined) : req.get('x-request-tag');
}

/** An app guard that uses the platform's request API, as app guards do. */
@Injectable()
class RequestTagGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<PlatformRequest>();
    // The platform's own API and the principal McpAuthGuard set before it.
    return tagOf(req) !== 'refuse' && typeof req.user?.sub === 'string';
  }
}

@Injectable()
class TaggedTools {
  @McpTool({ description: 'What the HTTP request looks like to a tool guard and the tool' })
  @UseGuards(RequestTagGuard)
  request_view(_args: unknown, ctx: McpContext) {
    const req = ctx.request as unknown as PlatformRequest;
    return JSON.stringify({ tag: tagOf(req), sub: req.user?.sub });
  }
}

describe("McpAuthGuard beside app guards that use the platform's request", () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({
      imports: [
        McpAuthModule.forRoot({ resource: RESOURCE, authorizationServers: [ISSUER] }),
        McpJwtModule.forRoot({ secret: SECRET, issuer: ISSUER }),
        McpModule.forRoot({ name: 'tags', version: '1.0.0', guards: [McpAuthGuard, RequestTagGuard] }),
      ],
      providers: [TaggedTools, RequestTagGuard],
    });
  });

  after(() => running.close());

  for (const { era, connect } of ERAS) {
    it(`hands the guards after it, the tool's guards and the tool the platform's request carrying the principal, ${era}`, async () => {
      const headers = { ...bearer(await mintToken({ sub: 'carol' })), 'x-request-tag': 'blue' };
      const { client } = await connect(running.mcpUrl, headers);
      try {
        const view = JSON.parse(textOf(await client.callTool({ name: 'request_view', arguments: {} })));
        assert.deepEqual(view, { tag: 'blue', sub: 'carol' });
      } finally {
        await client.close();
      }
    });
  }

  it('answers a refusal of the guard after it as Nest answers a guard refusal (403)', async () => {
    const token = await mintToken({ sub: 'carol' });
    const response = await postJson(running.mcpUrl, INITIALIZE, { ...bearer(token), 'x-request-tag': 'refuse' });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { statusCode: number }).statusCode, 403);
  });
});
