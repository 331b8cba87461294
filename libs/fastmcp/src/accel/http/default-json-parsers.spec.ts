import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import express from 'express';
import type { ExpressMiddleware } from '../../internals/express-app.js';
import { DefaultJsonParsers, type ParsedBody } from './default-json-parsers.js';

const request = (headers: Record<string, string>, body = '') =>
  Object.assign(Readable.from(body ? [Buffer.from(body)] : []), { headers, method: 'POST', url: '/mcp' }) as unknown as IncomingMessage;

const json = (body: string, extra: Record<string, string> = {}) => request({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...extra }, body);

const parsers = (...middleware: unknown[]) => middleware as ExpressMiddleware[];

function readBody(reader: DefaultJsonParsers, req: IncomingMessage): Promise<ParsedBody | undefined> {
  return new Promise((resolve) => reader.read(req, resolve));
}

describe('DefaultJsonParsers', () => {
  it("recognises parsers that read JSON as Nest's own do (body-parser's defaults), rawBody kept or not", async () => {
    assert.deepEqual(await DefaultJsonParsers.recognise(parsers(express.json(), express.urlencoded({ extended: true }))), { rawBody: false });
    const keepRaw = express.json({ verify: (req, _res, buffer) => void ((req as { rawBody?: Buffer }).rawBody = buffer) });
    assert.deepEqual(await DefaultJsonParsers.recognise(parsers(keepRaw)), { rawBody: true });
  });

  it('does not recognise parsers that read JSON any other way', async () => {
    assert.equal(await DefaultJsonParsers.recognise(parsers(express.json({ limit: '1mb' }))), undefined);
    assert.equal(await DefaultJsonParsers.recognise(parsers(express.json({ strict: false }))), undefined);
    assert.equal(await DefaultJsonParsers.recognise(parsers(express.json({ reviver: (_key, value) => (typeof value === 'number' ? value * 2 : value) }))), undefined);
    assert.equal(await DefaultJsonParsers.recognise(parsers(express.text({ type: '*/*' }), express.json())), undefined);
    assert.equal(await DefaultJsonParsers.recognise(parsers()), undefined);
  });

  it('reads only what those parsers would read as plain UTF-8 JSON of a declared length within their limit', () => {
    const reader = new DefaultJsonParsers();
    assert.equal(reader.readsPlainJson(json('{"a":1}')), true);
    assert.equal(reader.readsPlainJson(json('{"a":1}', { 'content-type': 'application/json; charset=utf-8' })), true);
    assert.equal(reader.readsPlainJson(json('{"a":1}', { 'content-type': 'application/json; charset=latin1' })), false);
    assert.equal(reader.readsPlainJson(json('{"a":1}', { 'content-type': 'application/vnd.api+json' })), false);
    assert.equal(reader.readsPlainJson(json('{"a":1}', { 'content-encoding': 'gzip' })), false);
    assert.equal(reader.readsPlainJson(request({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' })), false);
    assert.equal(reader.readsPlainJson(json('', { 'content-length': '0' })), false);
    assert.equal(reader.readsPlainJson(json('{}', { 'content-length': String(100 * 1024 + 1) })), false);
  });

  it('parses strict JSON, and hands anything else back as the same bytes for the parsers to answer', async () => {
    const reader = new DefaultJsonParsers();
    const parsed = await readBody(reader, json('{"jsonrpc":"2.0"}'));
    assert.ok(parsed && 'body' in parsed);
    assert.deepEqual(parsed.body, { jsonrpc: '2.0' });
    assert.equal(parsed.raw.toString(), '{"jsonrpc":"2.0"}');
    for (const body of ['"tools/call"', '{"jsonrpc": ', '\ufeff{"a":1}']) {
      const handedBack = await readBody(reader, json(body));
      assert.ok(handedBack && 'replay' in handedBack, body);
      const chunks: Buffer[] = [];
      for await (const chunk of handedBack.replay) chunks.push(chunk as Buffer);
      assert.equal(Buffer.concat(chunks).toString(), body);
      assert.equal((handedBack.replay as unknown as IncomingMessage).headers['content-type'], 'application/json');
    }
  });
});
