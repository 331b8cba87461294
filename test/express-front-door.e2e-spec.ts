/**
 * The Express front door: `POST` on the MCP endpoint served from the Node server ahead of
 * Express when nothing Express runs first would act on it. It must answer exactly as the
 * Express route does (the reference: the same app with a no-op middleware, which keeps Express
 * in charge), hand app code a real
 * Express request, and step aside for middleware and global guards.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext, type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { McpCallsOnly, McpExecutionContext, McpModule, McpTool, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';
import { CalcService } from './fixtures/calc.service.js';
import { INITIALIZE, postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';

@Injectable()
class RequestProbe {
  @McpTool({ name: 'request_probe', input: z.object({}) })
  probe(_args: object, ctx: McpContext) {
    const req = ctx.request as unknown as { ip: string; originalUrl: string; get(name: string): string | undefined; route?: { path: string } };
    return { ip: req.ip, userAgent: req.get('user-agent'), originalUrl: req.originalUrl, route: req.route?.path };
  }
}

@Injectable()
class RawBodyProbe {
  @McpTool({ name: 'raw_body', input: z.object({}) })
  raw(_args: object, ctx: McpContext) {
    const { rawBody } = ctx.request as unknown as { rawBody?: Buffer };
    return rawBody ? `raw ${rawBody.length} bytes` : 'no raw body';
  }
}

/** A global guard of the ordinary kind: it guards every route, the MCP ones included. */
@Injectable()
class AllowHeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (McpExecutionContext.isMcp(context)) return true;
    return context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers['x-allow'] === 'yes';
  }
}

/** A global guard that acts on MCP calls only. */
@Injectable()
@McpCallsOnly()
class NoThirteenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return !McpExecutionContext.isMcp(context) || McpExecutionContext.create(context).getArgs<{ a?: number }>().a !== 13;
  }
}

/** Counts the requests Express itself handles. */
function countExpress(app: INestApplication): { handled: number } {
  const express = app.getHttpAdapter().getInstance() as { handle: (...args: unknown[]) => unknown };
  const counter = { handled: 0 };
  const handle = express.handle;
  express.handle = function (this: unknown, ...args: unknown[]) {
    counter.handled++;
    return handle.apply(this, args);
  };
  return counter;
}

const json = { 'content-type': 'application/json' };
const MODERN_HEADERS = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'add' };
const modernAdd = (a: unknown) => ({
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params: { name: 'add', arguments: { a, b: 2 }, _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} } },
});

async function exchange(url: URL, body: string | Buffer, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { accept: 'application/json, text/event-stream', ...headers }, body });
  return { status: response.status, contentType: response.headers.get('content-type'), poweredBy: response.headers.get('x-powered-by'), body: await response.text() };
}

describe('Express front door', () => {
  let fast: RunningApp;
  let general: RunningApp;
  let viaExpress: { handled: number };
  let referenceViaExpress: { handled: number };

  before(async () => {
    const options = { name: 'door', version: '1.0.0' };
    fast = await startApp({ imports: [McpModule.forRoot(options)], providers: [CalcService, RequestProbe] });
    general = await startApp({ imports: [McpModule.forRoot(options)], providers: [CalcService, RequestProbe] }, '/mcp', (app) =>
      app.use((_req: unknown, _res: unknown, next: () => void) => next()),
    );
    viaExpress = countExpress(fast.app);
    referenceViaExpress = countExpress(general.app);
  });

  after(async () => {
    await fast?.close();
    await general?.close();
  });

  const SAME_ANSWER: Array<[string, string | Buffer, Record<string, string>, string?]> = [
    ['initialize', JSON.stringify(INITIALIZE), json],
    ['a 2026-07-28 tools/call', JSON.stringify(modernAdd(40)), { ...json, ...MODERN_HEADERS }],
    ['invalid tool arguments', JSON.stringify(modernAdd('forty')), { ...json, ...MODERN_HEADERS }],
    ['a query string on the path', JSON.stringify(modernAdd(1)), { ...json, ...MODERN_HEADERS }, '?tenant=a'],
    ['a gzip-encoded body (the parser inflates it)', gzipSync(JSON.stringify(modernAdd(2))), { ...json, ...MODERN_HEADERS, 'content-encoding': 'gzip' }],
    ['a charset parameter', JSON.stringify(modernAdd(3)), { 'content-type': 'application/json; charset=utf-8', ...MODERN_HEADERS }],
    ['unparsable JSON', '{"jsonrpc": "2.0", "id": ', json],
    ['a bare JSON string (the parser is strict)', '"tools/call"', json],
    ['an empty body', '', json],
    ['a body over the parser limit', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(200_000) } }), json],
    ['an unsupported charset', JSON.stringify(modernAdd(4)), { 'content-type': 'application/json; charset=latin1', ...MODERN_HEADERS }],
    ['a JSON-RPC batch', JSON.stringify([modernAdd(6)]), json],
  ];

  for (const [what, body, headers, query = ''] of SAME_ANSWER) {
    it(`answers ${what} exactly as the Express route does, without Express`, async () => {
      const before = viaExpress.handled;
      const referenceBefore = referenceViaExpress.handled;
      const [viaDoor, viaRoute] = await Promise.all([
        exchange(new URL(`${fast.mcpUrl.href}${query}`), body, headers),
        exchange(new URL(`${general.mcpUrl.href}${query}`), body, headers),
      ]);
      assert.deepEqual(viaDoor, viaRoute);
      assert.equal(viaExpress.handled, before, 'Express handled the request');
      assert.equal(referenceViaExpress.handled, referenceBefore + 1, 'the reference did not go through Express');
    });
  }

  it('refuses a text/plain body as the Express app does, before either reads it', async () => {
    const [before, referenceBefore] = [viaExpress.handled, referenceViaExpress.handled];
    const headers = { 'content-type': 'text/plain', ...MODERN_HEADERS };
    const [viaDoor, viaRoute] = await Promise.all([exchange(fast.mcpUrl, JSON.stringify(modernAdd(5)), headers), exchange(general.mcpUrl, JSON.stringify(modernAdd(5)), headers)]);
    assert.deepEqual(viaDoor, viaRoute);
    assert.equal(viaDoor.status, 415);
    assert.deepEqual([viaExpress.handled, referenceViaExpress.handled], [before, referenceBefore]);
  });

  it('hands app code the request Express would have: ip, headers, originalUrl, route', async () => {
    const reply = await exchange(new URL(`${fast.mcpUrl.href}?probe=1`), JSON.stringify({ ...modernAdd(0), params: { ...modernAdd(0).params, name: 'request_probe', arguments: {} } }), {
      ...json,
      ...MODERN_HEADERS,
      'mcp-name': 'request_probe',
      'user-agent': 'front-door-test',
    });
    const result = JSON.parse(reply.body).result;
    assert.deepEqual(result.structuredContent ?? JSON.parse(result.content[0].text), { ip: '127.0.0.1', userAgent: 'front-door-test', originalUrl: '/mcp?probe=1', route: '/mcp' });
  });

  it('leaves every other method and path to Express', async () => {
    const before = viaExpress.handled;
    assert.equal((await fetch(fast.mcpUrl, { method: 'DELETE' })).status, 400);
    assert.equal((await fetch(`${fast.baseUrl}/nowhere`, { method: 'POST', headers: json, body: '{}' })).status, 404);
    assert.equal(viaExpress.handled, before + 2);
  });
});

describe('Express front door: the app\'s own body parser, as configured', () => {
  it('applies its verify hook and limit, answering as the Express route does', async () => {
    const parser = (app: INestApplication) =>
      (app as INestApplication & { useBodyParser(type: string, options: object): void }).useBodyParser('json', {
        limit: 2_000,
        verify: (_req: unknown, _res: unknown, buffer: Buffer) => {
          if (buffer.includes('forbidden')) throw new Error('refused by verify');
        },
      });
    const metadata = { imports: [McpModule.forRoot({ name: 'door', version: '1.0.0' })], providers: [CalcService] };
    const door = await startApp(metadata, '/mcp', parser);
    const reference = await startApp(metadata, '/mcp', (app) => {
      parser(app);
      app.use((_req: unknown, _res: unknown, next: () => void) => next());
    });
    const viaExpress = countExpress(door.app);
    try {
      const bodies = [JSON.stringify({ ...modernAdd(1), params: { ...modernAdd(1).params, arguments: { a: 1, b: 2, note: 'forbidden' } } }), JSON.stringify({ ...modernAdd(1), pad: 'x'.repeat(3_000) })];
      for (const body of bodies) {
        const [viaDoor, viaRoute] = await Promise.all([exchange(door.mcpUrl, body, { ...json, ...MODERN_HEADERS }), exchange(reference.mcpUrl, body, { ...json, ...MODERN_HEADERS })]);
        assert.deepEqual(viaDoor, viaRoute);
        assert.ok(viaDoor.status >= 400, JSON.stringify(viaDoor));
      }
      assert.equal(viaExpress.handled, 0);
    } finally {
      await door.close();
      await reference.close();
    }
  });
});

/** An endpoint guard (`guards` option) that lets `x-allow: yes` through, refuses `x-allow: no`, and throws with a header otherwise. */
@Injectable()
class EndpointHeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const allow = http.getRequest<{ get(name: string): string | undefined }>().get('x-allow');
    if (allow === 'yes') return true;
    if (allow === 'no') return false;
    http.getResponse<{ setHeader(name: string, value: string): void }>().setHeader('www-authenticate', 'Bearer');
    throw new UnauthorizedException();
  }
}

describe('Express front door: the endpoint guards (guards option)', () => {
  let fast: RunningApp;
  let general: RunningApp;
  let viaExpress: { handled: number };

  before(async () => {
    const options = { name: 'door', version: '1.0.0', guards: [EndpointHeaderGuard] };
    fast = await startApp({ imports: [McpModule.forRoot(options)], providers: [CalcService] });
    general = await startApp({ imports: [McpModule.forRoot(options)], providers: [CalcService] }, '/mcp', (app) =>
      app.use((_req: unknown, _res: unknown, next: () => void) => next()),
    );
    viaExpress = countExpress(fast.app);
  });

  after(async () => {
    await fast?.close();
    await general?.close();
  });

  for (const [what, allow] of [['a request the guards let through', 'yes'], ['a guard returning false (403)', 'no'], ['a guard throwing (its exception, its headers)', 'maybe']] as const) {
    it(`runs them itself and answers ${what} exactly as the Express route does`, async () => {
      const before = viaExpress.handled;
      const send = async (url: URL) => {
        const response = await fetch(url, { method: 'POST', headers: { accept: 'application/json, text/event-stream', ...json, ...MODERN_HEADERS, 'x-allow': allow }, body: JSON.stringify(modernAdd(40)) });
        return { status: response.status, contentType: response.headers.get('content-type'), challenge: response.headers.get('www-authenticate'), body: await response.text() };
      };
      const [viaDoor, viaRoute] = await Promise.all([send(fast.mcpUrl), send(general.mcpUrl)]);
      assert.deepEqual(viaDoor, viaRoute);
      assert.equal(viaExpress.handled, before, 'Express handled the request');
    });
  }
});

describe('Express front door: what keeps Express in charge', () => {
  it('middleware on the path: it runs, as Express runs it', async () => {
    const running = await startApp({ imports: [McpModule.forRoot({ name: 'door', version: '1.0.0' })], providers: [CalcService] }, '/mcp', (app) =>
      app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
        res.setHeader('x-middleware', 'ran');
        next();
      }),
    );
    try {
      const response = await postJson(running.mcpUrl, INITIALIZE);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-middleware'), 'ran');
    } finally {
      await running.close();
    }
  });

  it('a global guard: it still guards the MCP endpoint', async () => {
    const running = await startApp({ imports: [McpModule.forRoot({ name: 'door', version: '1.0.0' })], providers: [CalcService, { provide: APP_GUARD, useClass: AllowHeaderGuard }] });
    try {
      assert.equal((await postJson(running.mcpUrl, INITIALIZE)).status, 403);
      assert.equal((await postJson(running.mcpUrl, INITIALIZE, { 'x-allow': 'yes' })).status, 200);
    } finally {
      await running.close();
    }
  });

  it('an @McpCallsOnly() global guard: the front door serves, and the guard still runs on calls', async () => {
    const running = await startApp({ imports: [McpModule.forRoot({ name: 'door', version: '1.0.0' })], providers: [CalcService, { provide: APP_GUARD, useClass: NoThirteenGuard }] });
    const viaExpress = countExpress(running.app);
    try {
      const allowed = JSON.parse((await exchange(running.mcpUrl, JSON.stringify(modernAdd(40)), { ...json, ...MODERN_HEADERS })).body);
      assert.equal(allowed.result.content[0].text, '42');
      const refused = JSON.parse((await exchange(running.mcpUrl, JSON.stringify(modernAdd(13)), { ...json, ...MODERN_HEADERS })).body);
      assert.ok(refused.error ?? refused.result?.isError, JSON.stringify(refused));
      assert.equal(viaExpress.handled, 0);
    } finally {
      await running.close();
    }
  });
});

describe("Express front door: Nest's own parsers, read ahead of them", () => {
  const rawCall = () => ({ ...modernAdd(0), params: { ...modernAdd(0).params, name: 'raw_body', arguments: {} } });
  const headers = { ...json, ...MODERN_HEADERS, 'mcp-name': 'raw_body' };

  it('keeps the raw body under rawBody: true, and hands a byte-order mark to the parser', async () => {
    const metadata = { imports: [McpModule.forRoot({ name: 'door', version: '1.0.0' })], providers: [RawBodyProbe] };
    const door = await startApp(metadata, '/mcp', undefined, { rawBody: true });
    const reference = await startApp(metadata, '/mcp', (app) => app.use((_req: unknown, _res: unknown, next: () => void) => next()), { rawBody: true });
    const viaExpress = countExpress(door.app);
    try {
      const plain = JSON.stringify(rawCall());
      const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain)]);
      for (const body of [plain, withBom]) {
        const [viaDoor, viaRoute] = await Promise.all([exchange(door.mcpUrl, body, headers), exchange(reference.mcpUrl, body, headers)]);
        assert.deepEqual(viaDoor, viaRoute);
        assert.match(viaDoor.body, new RegExp(`raw ${Buffer.byteLength(body)} bytes`));
      }
      assert.equal(viaExpress.handled, 0);
    } finally {
      await door.close();
      await reference.close();
    }
  });
});
