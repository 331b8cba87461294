import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { McpModule, McpNotifier, McpRegistry } from 'nestjs-fastmcp';
import { CalcService } from './fixtures/calc.service.js';
import { observed, ProtocolTools } from './fixtures/protocol.fixture.js';
import { connectLegacy, connectModern, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

const ASKING = { elicitation: {}, sampling: {}, roots: {} };
const until = async (check: () => boolean, ms = 2_000) => {
  for (const started = Date.now(); !check(); await sleep(20)) if (Date.now() - started > ms) throw new Error('timed out waiting');
};

describe('protocol capabilities', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({
      imports: [McpModule.forRoot({ name: 'protocol', version: '1.0.0', pageSize: 3 })],
      providers: [ProtocolTools, CalcService],
    });
  });

  after(() => running.close());

  describe('progress', () => {
    it('legacy: sends progress notifications when the client asks for them', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const updates: Array<{ progress: number; total?: number; message?: string }> = [];
      const result = await client.callTool({ name: 'count', arguments: { to: 3 } }, undefined, { onprogress: (p) => updates.push(p) });
      assert.equal(textOf(result), 'done');
      assert.deepEqual(updates, [
        { progress: 1, total: 3, message: 'step 1' },
        { progress: 2, total: 3, message: 'step 2' },
        { progress: 3, total: 3, message: 'step 3' },
      ]);
      await client.close();
    });

    it('modern: sends progress on the request stream', async () => {
      const { client } = await connectModern(running.mcpUrl);
      const updates: number[] = [];
      await client.callTool({ name: 'count', arguments: { to: 3 } }, { onprogress: (p) => updates.push(p.progress) });
      assert.deepEqual(updates, [1, 2, 3]);
      await client.close();
    });

    it('delivers every update spaced one throttle interval apart, none after the result', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      for (let round = 0; round < 5; round++) {
        const updates: number[] = [];
        await client.callTool({ name: 'ticks', arguments: {} }, undefined, { onprogress: (p) => updates.push(p.progress) });
        assert.deepEqual(updates, [0, 50, 100]);
      }
      await client.close();
    });

    it('throttles a tight loop but always delivers the final update', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const updates: number[] = [];
      await client.callTool({ name: 'flood', arguments: {} }, undefined, { onprogress: (p) => updates.push(p.progress) });
      assert.ok(updates.length < 50, `${updates.length} notifications`);
      assert.equal(updates.at(-1), 2000);
      await client.close();
    });
  });

  describe('logging', () => {
    it('legacy: honours logging/setLevel per session', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const levels: string[] = [];
      client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void levels.push(n.params.level));
      await client.setLoggingLevel('warning');
      await client.callTool({ name: 'chatty', arguments: {} });
      await until(() => levels.length >= 2);
      assert.deepEqual(levels, ['warning', 'error']);
      await client.close();
    });

    it('modern: sends nothing without a log level in _meta, and filters by it when set', async () => {
      const { client } = await connectModern(running.mcpUrl);
      const levels: string[] = [];
      client.setNotificationHandler('notifications/message', (n) => void levels.push(n.params.level));
      await client.callTool({ name: 'chatty', arguments: {} });
      assert.deepEqual(levels, []);
      // 2026-07-28 has no logging/setLevel: the level travels in each request's _meta.
      await client.callTool({ name: 'chatty', arguments: {}, _meta: { 'io.modelcontextprotocol/logLevel': 'warning' } });
      assert.deepEqual(levels, ['warning', 'error']);
      await client.close();
    });
  });

  describe('cancellation and timeouts', () => {
    it('legacy: notifications/cancelled aborts ctx.signal', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const controller = new AbortController();
      const call = client.callTool({ name: 'slow', arguments: {} }, undefined, { signal: controller.signal });
      await sleep(150);
      controller.abort('user pressed stop');
      await assert.rejects(call);
      await until(() => observed.cancelled);
      assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 1, b: 1 } })), '2');
      await client.close();
    });

    it('modern: aborting the request aborts ctx.signal', async () => {
      const { client } = await connectModern(running.mcpUrl);
      const controller = new AbortController();
      const call = client.callTool({ name: 'slow', arguments: {} }, { signal: controller.signal });
      await sleep(150);
      controller.abort();
      await assert.rejects(call);
      await until(() => observed.cancelled);
      await client.close();
    });

    it('ends a tool that outlives its timeoutMs with a clear error', async () => {
      const { client } = await connectModern(running.mcpUrl);
      const started = Date.now();
      const result = await client.callTool({ name: 'sleepy', arguments: {} });
      assert.equal(result.isError, true);
      assert.equal(textOf(result), 'Tool sleepy timed out after 150 ms');
      assert.ok(Date.now() - started < 1_500);
      await client.close();
    });
  });

  describe('completions', () => {
    for (const [era, connect] of [
      ['legacy', connectLegacy],
      ['modern', connectModern],
    ] as const) {
      it(`${era}: completes enum arguments fuzzily, and others through @McpComplete with resolved context`, async () => {
        const { client } = await connect(running.mcpUrl);
        const enumResult = await client.complete({ ref: { type: 'ref/prompt', name: 'travel' }, argument: { name: 'country', value: 'fi' } });
        assert.deepEqual([...enumResult.completion.values].sort(), ['Fiji', 'Finland']);
        const cities = await client.complete({
          ref: { type: 'ref/prompt', name: 'travel' },
          argument: { name: 'city', value: 'l' },
          context: { arguments: { country: 'France' } },
        });
        assert.deepEqual(cities.completion.values, ['Lyon', 'Lille']);
        const template = await client.complete({ ref: { type: 'ref/resource', uri: 'weather://{city}' }, argument: { name: 'city', value: 'P' } });
        assert.deepEqual(template.completion.values, ['Paris', 'Pune', 'Perth']);
        await assert.rejects(client.complete({ ref: { type: 'ref/prompt', name: 'nope' }, argument: { name: 'x', value: '' } }));
        await client.close();
      });
    }
  });

  describe('pagination', () => {
    it('pages every list with cursors (legacy client walks pages by hand)', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const names: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await client.listTools(cursor ? { cursor } : undefined);
        assert.ok(page.tools.length <= 3);
        names.push(...page.tools.map((tool) => tool.name));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      const registry = running.app.get(McpRegistry);
      assert.deepEqual(names, registry.tools.list().map((tool) => tool.key));
      assert.ok(pages > 3);
      await assert.rejects(client.listTools({ cursor: 'bogus' }), (error: { code: number }) => error.code === -32602);
      await client.close();
    });

    it('modern client aggregates the same pages', async () => {
      const { client } = await connectModern(running.mcpUrl);
      const { tools } = await client.listTools();
      assert.equal(tools.length, running.app.get(McpRegistry).tools.list().length);
      await client.close();
    });
  });

  describe('asking the client', () => {
    it('legacy: elicitation, sampling and roots are server-to-client requests', async () => {
      const { client } = await connectLegacy(running.mcpUrl, {}, ASKING, (c) => {
        c.setRequestHandler(ElicitRequestSchema, async (request) => {
          const message = request.params.message;
          return message.startsWith('Delete') ? { action: 'accept', content: { confirm: true } } : { action: 'accept', content: { name: 'Ada' } };
        });
        c.setRequestHandler(CreateMessageRequestSchema, async () => ({ role: 'assistant', model: 'test-model', content: { type: 'text', text: 'Modules bloom' } }));
        c.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///work', name: 'work' }] }));
      });
      assert.equal(textOf(await client.callTool({ name: 'confirm_delete', arguments: { item: 'photo' } })), 'deleted photo');
      assert.equal(textOf(await client.callTool({ name: 'haiku', arguments: {} })), 'test-model: Modules bloom');
      assert.equal(textOf(await client.callTool({ name: 'interview', arguments: {} })), 'Ada has file:///work');
      await client.close();
    });

    it('modern: the same handlers become multi-round-trip input_required results', async () => {
      let rounds = 0;
      const { client } = await connectModern(running.mcpUrl, {}, ASKING, (c) => {
        c.setRequestHandler('elicitation/create', async (request) => {
          rounds++;
          return (request.params as { message: string }).message.startsWith('Delete')
            ? { action: 'decline' as const }
            : { action: 'accept' as const, content: { name: 'Grace' } };
        });
        c.setRequestHandler('sampling/createMessage', async () => ({ role: 'assistant' as const, model: 'test-model', content: { type: 'text' as const, text: 'Decorators hum' } }));
        c.setRequestHandler('roots/list', async () => ({ roots: [{ uri: 'file:///home', name: 'home' }] }));
      });
      assert.equal(textOf(await client.callTool({ name: 'confirm_delete', arguments: { item: 'photo' } })), 'kept photo (decline)');
      assert.equal(textOf(await client.callTool({ name: 'haiku', arguments: {} })), 'test-model: Decorators hum');
      assert.equal(textOf(await client.callTool({ name: 'interview', arguments: {} })), 'Grace has file:///home');
      assert.ok(rounds >= 2);
      await client.close();
    });

    it('legacy: answers a clear tool error when the client lacks the capability', async () => {
      const { client } = await connectLegacy(running.mcpUrl);
      const result = await client.callTool({ name: 'haiku', arguments: {} });
      assert.equal(result.isError, true);
      assert.equal(textOf(result), 'The client does not support sampling');
      await client.close();
    });

    it('modern: answers -32021 naming the missing capability', async () => {
      const { client } = await connectModern(running.mcpUrl);
      await assert.rejects(client.callTool({ name: 'haiku', arguments: {} }), (error: { code: number; data?: unknown }) => {
        assert.equal(error.code, -32021);
        assert.deepEqual(error.data, { requiredCapabilities: { sampling: {} } });
        return true;
      });
      await client.close();
    });
  });

  describe('subscriptions and list_changed', () => {
    it('legacy: resources/subscribe delivers updates to the subscriber only', async () => {
      const subscriber = await connectLegacy(running.mcpUrl);
      const bystander = await connectLegacy(running.mcpUrl);
      const got: string[] = [];
      const bystanderGot: string[] = [];
      subscriber.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void got.push(n.params.uri));
      bystander.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void bystanderGot.push(n.params.uri));
      await subscriber.client.subscribeResource({ uri: 'weather://Paris' });
      running.app.get(McpNotifier).resourceUpdated('weather://Paris');
      running.app.get(McpNotifier).resourceUpdated('weather://Oslo');
      await until(() => got.length > 0);
      await sleep(100);
      assert.deepEqual(got, ['weather://Paris']);
      assert.deepEqual(bystanderGot, []);
      await subscriber.client.unsubscribeResource({ uri: 'weather://Paris' });
      await Promise.all([subscriber.client.close(), bystander.client.close()]);
    });

    it('modern: subscriptions/listen delivers resource updates and list_changed', async () => {
      const { client } = await connectModern(running.mcpUrl);
      const events: string[] = [];
      client.setNotificationHandler('notifications/resources/updated', (n) => void events.push(`updated:${n.params.uri}`));
      client.setNotificationHandler('notifications/tools/list_changed', () => void events.push('tools'));
      const subscription = await client.listen({ toolsListChanged: true, resourceSubscriptions: ['weather://Paris'] });
      running.app.get(McpNotifier).resourceUpdated('weather://Oslo');
      running.app.get(McpNotifier).resourceUpdated('weather://Paris');
      running.app.get(McpRegistry).addTool({ name: 'runtime_modern', handler: () => 'hi' });
      await until(() => events.length >= 2);
      assert.deepEqual(events, ['updated:weather://Paris', 'tools']);
      await subscription.close();
      running.app.get(McpRegistry).removeTool('runtime_modern');
      await client.close();
    });

    it('legacy: a tool added at runtime is callable and announced with list_changed', async () => {
      const { client, standaloneStream } = await connectLegacy(running.mcpUrl);
      let changed = 0;
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => void changed++);
      // Unsolicited notifications ride the standalone GET stream, which the client opens after the handshake.
      await standaloneStream;
      const registry = running.app.get(McpRegistry);
      registry.addTool({ name: 'runtime_echo', description: 'added at runtime', handler: (args: { text?: string }) => `echo ${args.text ?? ''}` });
      await until(() => changed === 1);
      assert.equal(textOf(await client.callTool({ name: 'runtime_echo', arguments: { text: 'x' } })), 'echo x');
      registry.setToolEnabled('runtime_echo', false);
      await until(() => changed === 2);
      await assert.rejects(client.callTool({ name: 'runtime_echo', arguments: {} }));
      registry.removeTool('runtime_echo');
      await client.close();
    });
  });
});
