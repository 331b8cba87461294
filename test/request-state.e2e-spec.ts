import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Injectable, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { McpModule, McpTool, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';
import { HeaderUserMiddleware } from './support/header-user.middleware.js';
import { postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';

@Injectable()
class ConfirmingTools {
  @McpTool({ name: 'delete_file', input: z.object({ path: z.string() }) })
  async deleteFile({ path }: { path: string }, ctx: McpContext) {
    const answer = await ctx.elicit<{ confirm: boolean }>(`Delete ${path}?`, z.object({ confirm: z.boolean() }), { key: 'confirm' });
    return answer.action === 'accept' && answer.content.confirm ? `deleted ${path}` : `kept ${path}`;
  }

  @McpTool({ name: 'wipe_disk', input: z.object({ path: z.string() }) })
  async wipeDisk({ path }: { path: string }, ctx: McpContext) {
    const answer = await ctx.elicit<{ confirm: boolean }>(`Wipe ${path}?`, z.object({ confirm: z.boolean() }), { key: 'confirm' });
    return answer.action === 'accept' && answer.content.confirm ? `wiped ${path}` : `kept ${path}`;
  }
}

@Module({ imports: [McpModule.forRoot({ name: 'files', version: '1.0.0' })], providers: [ConfirmingTools] })
class FilesModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(HeaderUserMiddleware).forRoutes('*');
  }
}

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw-modern', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': { elicitation: {} },
};
const YES = { action: 'accept', content: { confirm: true } };

interface Round {
  result?: { resultType?: string; requestState?: string; inputRequests?: Record<string, unknown>; content?: Array<{ text: string }> };
  error?: { code: number; message: string };
}

let nextId = 1;

/** One 2026-07-28 `tools/call`, as a client retrying a multi-round-trip request sends it. */
async function call(running: RunningApp, name: string, args: object, extra: { inputResponses?: object; requestState?: string } = {}, user = 'alice'): Promise<Round> {
  const body = { jsonrpc: '2.0', id: nextId++, method: 'tools/call', params: { name, arguments: args, ...extra, _meta: META } };
  const response = await postJson(running.mcpUrl, body, { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': name, 'x-user': user });
  return (await response.json()) as Round;
}

describe('multi-round-trip requestState (2026-07-28): bound to its request, single-use', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({ imports: [FilesModule] });
  });

  after(() => running.close());

  async function asked(name = 'delete_file', args: object = { path: '/tmp/a' }): Promise<string> {
    const first = await call(running, name, args);
    assert.equal(first.result?.resultType, 'input_required');
    assert.deepEqual(Object.keys(first.result?.inputRequests ?? {}), ['confirm']);
    return first.result!.requestState!;
  }

  it('completes a retry carrying the state and the answer it asked for', async () => {
    const state = await asked();
    const retry = await call(running, 'delete_file', { path: '/tmp/a' }, { inputResponses: { confirm: YES }, requestState: state });
    assert.equal(retry.result?.content?.[0]?.text, 'deleted /tmp/a');
  });

  it('refuses the state a second time (single-use)', async () => {
    const state = await asked();
    assert.equal((await call(running, 'delete_file', { path: '/tmp/a' }, { inputResponses: { confirm: YES }, requestState: state })).result?.content?.[0]?.text, 'deleted /tmp/a');
    const replay = await call(running, 'delete_file', { path: '/tmp/a' }, { inputResponses: { confirm: YES }, requestState: state });
    assert.deepEqual(replay.error, { code: -32602, message: 'Invalid or expired requestState' });
  });

  it('refuses state minted for another tool', async () => {
    const state = await asked('delete_file', { path: '/tmp/a' });
    const elsewhere = await call(running, 'wipe_disk', { path: '/tmp/a' }, { inputResponses: { confirm: YES }, requestState: state });
    assert.equal(elsewhere.error?.code, -32602);
    assert.equal(elsewhere.result, undefined);
  });

  it('refuses state minted for other arguments', async () => {
    const state = await asked('delete_file', { path: '/tmp/a' });
    const other = await call(running, 'delete_file', { path: '/etc' }, { inputResponses: { confirm: YES }, requestState: state });
    assert.equal(other.error?.code, -32602);
  });

  it('refuses state presented by another principal', async () => {
    const state = await asked();
    const stolen = await call(running, 'delete_file', { path: '/tmp/a' }, { inputResponses: { confirm: YES }, requestState: state }, 'mallory');
    assert.equal(stolen.error?.code, -32602);
  });

  it('does not take answers without state: the question is asked', async () => {
    const prefilled = await call(running, 'delete_file', { path: '/tmp/a' }, { inputResponses: { confirm: YES } });
    assert.equal(prefilled.result?.resultType, 'input_required');
    assert.deepEqual(Object.keys(prefilled.result?.inputRequests ?? {}), ['confirm']);
  });

  it('takes only answers to the questions its state says were asked', async () => {
    const state = await asked();
    const extra = await call(running, 'delete_file', { path: '/tmp/a' }, { inputResponses: { confirm: YES, unrelated: YES }, requestState: state });
    assert.equal(extra.result?.content?.[0]?.text, 'deleted /tmp/a');
  });

  it('accepts the same arguments in another key order', async () => {
    const first = await call(running, 'delete_file', { path: '/tmp/b', recursive: false });
    const retry = await call(running, 'delete_file', { recursive: false, path: '/tmp/b' }, { inputResponses: { confirm: YES }, requestState: first.result!.requestState! });
    assert.equal(retry.result?.content?.[0]?.text, 'deleted /tmp/b');
  });
});
