import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type { ExpressMiddleware } from './express-route-stack.js';
import { NestBodyParsers, type ParsedBody } from './nest-body-parsers.js';

const request = (headers: Record<string, string>, body = '') =>
  Object.assign(Readable.from(body ? [Buffer.from(body)] : []), { headers, method: 'POST', url: '/mcp' }) as unknown as IncomingMessage;

const json = (body: string, extra: Record<string, string> = {}) => request({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...extra }, body);

/** An adapter class as Nest's `ExpressAdapter` registers its parsers: appended to the router stack. */
function fakeAdapterClass() {
  const stack: Array<{ handle: unknown }> = [];
  class Adapter {
    registerParserMiddleware(_prefix?: string, _rawBody?: boolean) {
      stack.push({ handle: function jsonParser() {} }, { handle: function urlencodedParser() {} });
    }
    getInstance() {
      return { router: { stack } };
    }
  }
  return { Adapter, stack };
}

function readBody(parsers: NestBodyParsers, req: IncomingMessage): Promise<ParsedBody | undefined> {
  return new Promise((resolve) => parsers.read(req, resolve));
}

describe('NestBodyParsers', () => {
  it("tells Nest's own parsers, with their rawBody setting, from parsers the app made", () => {
    const parsers = new NestBodyParsers();
    const { Adapter, stack } = fakeAdapterClass();
    parsers.watch(Adapter.prototype);
    parsers.watch(Adapter.prototype);
    new Adapter().registerParserMiddleware('', true);
    const own = stack.map((layer) => layer.handle as ExpressMiddleware);
    assert.deepEqual(parsers.madeByNest(own), { rawBody: true });
    const appMade = (() => undefined) as unknown as ExpressMiddleware;
    assert.equal(parsers.madeByNest([own[0]!, appMade]), undefined);
    assert.equal(parsers.madeByNest([]), undefined);
  });

  it('reads only what those parsers would read as plain UTF-8 JSON of a declared length within their limit', () => {
    const parsers = new NestBodyParsers();
    assert.equal(parsers.readsPlainJson(json('{"a":1}')), true);
    assert.equal(parsers.readsPlainJson(json('{"a":1}', { 'content-type': 'application/json; charset=utf-8' })), true);
    assert.equal(parsers.readsPlainJson(json('{"a":1}', { 'content-type': 'application/json; charset=latin1' })), false);
    assert.equal(parsers.readsPlainJson(json('{"a":1}', { 'content-type': 'application/vnd.api+json' })), false);
    assert.equal(parsers.readsPlainJson(json('{"a":1}', { 'content-encoding': 'gzip' })), false);
    assert.equal(parsers.readsPlainJson(request({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' })), false);
    assert.equal(parsers.readsPlainJson(json('', { 'content-length': '0' })), false);
    assert.equal(parsers.readsPlainJson(json('{}', { 'content-length': String(100 * 1024 + 1) })), false);
  });

  it('parses strict JSON, and hands anything else back as the same bytes for the parsers to answer', async () => {
    const parsers = new NestBodyParsers();
    const parsed = await readBody(parsers, json('{"jsonrpc":"2.0"}'));
    assert.ok(parsed && 'body' in parsed);
    assert.deepEqual(parsed.body, { jsonrpc: '2.0' });
    assert.equal(parsed.raw.toString(), '{"jsonrpc":"2.0"}');
    for (const body of ['"tools/call"', '{"jsonrpc": ', '\ufeff{"a":1}']) {
      const handedBack = await readBody(parsers, json(body));
      assert.ok(handedBack && 'replay' in handedBack, body);
      const chunks: Buffer[] = [];
      for await (const chunk of handedBack.replay) chunks.push(chunk as Buffer);
      assert.equal(Buffer.concat(chunks).toString(), body);
      assert.equal((handedBack.replay as unknown as IncomingMessage).headers['content-type'], 'application/json');
    }
  });
});
