import assert from 'node:assert/strict';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { McpHttpExchange } from '../../common/mcp-http-exchange.js';
import { FastifyHttpPlatform } from './fastify-http.platform.js';

type Hook = (request: unknown, reply: unknown, error?: unknown) => Promise<void>;

function fakeFastify() {
  const hooks: Record<string, Hook[]> = {};
  let decorated: { getter(): unknown; setter(value: unknown): void } | undefined;
  return {
    hooks,
    decorated: () => decorated,
    addHook: (name: string, hook: Hook) => void (hooks[name] ??= []).push(hook),
    hasRequestDecorator: () => decorated !== undefined,
    decorateRequest: (_name: string, property: typeof decorated) => void (decorated = property),
  };
}

function nodePair() {
  const req = new IncomingMessage(new Socket()) as IncomingMessage & { body?: unknown; user?: unknown };
  req.method = 'POST';
  return { req, res: new ServerResponse(req) };
}

describe('FastifyHttpPlatform', () => {
  it('hands the transport the Node pair, the reply hijacked and the parsed body on the Node request', () => {
    const { req, res } = nodePair();
    let hijacked = false;
    const request = { raw: req, body: { jsonrpc: '2.0' }, method: 'POST', routeOptions: {} };
    const reply = { raw: res, hijack: () => (hijacked = true) };
    const pair = new FastifyHttpPlatform(fakeFastify() as never, '').takeOver(request, reply);
    assert.equal(pair.req, req);
    assert.equal(pair.res, res);
    assert.equal(hijacked, true);
    assert.deepEqual(req.body, { jsonrpc: '2.0' });
  });

  it("gives a call's exchange the FastifyRequest and FastifyReply as app code's request and response", () => {
    const { req, res } = nodePair();
    const request = { raw: req, method: 'POST', routeOptions: {} };
    const reply = { raw: res, hijack: () => undefined };
    new FastifyHttpPlatform(fakeFastify() as never, '').takeOver(request, reply);
    const exchange = new McpHttpExchange(req, res);
    assert.equal(exchange.request, request);
    assert.equal(exchange.response, reply);
  });

  it('shares request.user between the FastifyRequest and the Node request', () => {
    const fastify = fakeFastify();
    new FastifyHttpPlatform(fastify as never, '').prepare();
    const { req } = nodePair();
    const request = { raw: req };
    fastify.decorated()!.setter.call(request, { sub: 'alice' });
    assert.deepEqual(req.user, { sub: 'alice' });
    assert.deepEqual(fastify.decorated()!.getter.call(request), { sub: 'alice' });
  });

  it('runs the endpoint guards only on the guarded routes, global prefix included', async () => {
    const fastify = fakeFastify();
    const seen: string[] = [];
    new FastifyHttpPlatform(fastify as never, 'api').guardRoutes(undefined, [{ path: '/mcp', method: 1 /* POST */ }], async (request) => {
      seen.push((request as { routeOptions: { url: string } }).routeOptions.url);
    });
    const hook = fastify.hooks.preValidation![0]!;
    await hook({ method: 'POST', routeOptions: { url: '/api/mcp' } }, {});
    await hook({ method: 'POST', routeOptions: { url: '/health' } }, {});
    await hook({ method: 'GET', routeOptions: { url: '/api/mcp' } }, {});
    assert.deepEqual(seen, ['/api/mcp']);
  });

  it("answers Fastify's JSON parse error on an MCP route in body-parser's terms", async () => {
    const fastify = fakeFastify();
    const answered: unknown[] = [];
    new FastifyHttpPlatform(fastify as never, '').answerBodyErrors(['/mcp'], (error) => (answered.push(error), true));
    const { req, res } = nodePair();
    const reply = { raw: res, hijack: () => undefined };
    const parseError = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    await fastify.hooks.onError![0]!({ raw: req, method: 'POST', routeOptions: { url: '/mcp' } }, reply, parseError);
    await fastify.hooks.onError![0]!({ raw: req, method: 'POST', routeOptions: { url: '/other' } }, reply, parseError);
    assert.deepEqual(answered, [{ type: 'entity.parse.failed', status: 400, message: 'Unexpected token' }]);
  });
});
