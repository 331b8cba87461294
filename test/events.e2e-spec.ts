import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Injectable, Module, UseGuards, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { McpEvents, McpModule, McpTool, type McpContext, type McpEventMap } from 'nestjs-fastmcp';
import { z } from 'zod';
import { connectLegacy, connectModern, textOf } from './support/clients.js';
import { HeaderUserMiddleware } from './support/header-user.middleware.js';
import { startApp, type RunningApp } from './support/test-app.js';

@Injectable()
class NeverGuard {
  canActivate() {
    return false;
  }
}

@Injectable()
class AuditedTools {
  @McpTool({ name: 'echo', input: z.object({ text: z.string() }) })
  echo({ text }: { text: string }, ctx: McpContext) {
    ctx.log.warning('echoing', { length: text.length });
    return text;
  }

  @UseGuards(NeverGuard)
  @McpTool({ name: 'locked' })
  locked() {
    return 'unreachable';
  }

  @McpTool({ name: 'broken' })
  broken(): never {
    throw new Error('boom');
  }
}

@Module({ imports: [McpModule.forRoot({ name: 'events', version: '1.0.0' })], providers: [AuditedTools] })
class EventsAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(HeaderUserMiddleware).forRoutes('*');
  }
}

describe('McpEvents and session ownership', () => {
  let running: RunningApp;
  const received: Array<{ event: keyof McpEventMap; payload: unknown }> = [];

  before(async () => {
    running = await startApp({ imports: [EventsAppModule] });
    const events = running.app.get(McpEvents);
    for (const event of ['session.opened', 'session.closed', 'tool.called', 'log.emitted', 'roots.changed'] as const) {
      events.on(event, (payload) => received.push({ event, payload }));
    }
  });

  after(() => running.close());

  const of = <K extends keyof McpEventMap>(event: K) =>
    received.filter((entry) => entry.event === event).map((entry) => entry.payload as McpEventMap[K]);

  it('emits session.opened with client info and user, and session.closed with a reason', async () => {
    const { client, transport } = await connectLegacy(running.mcpUrl, { 'x-user': 'alice' });
    const id = transport.sessionId!;
    const opened = of('session.opened').find((event) => event.sessionId === id)!;
    assert.equal(opened.clientInfo?.name, 'legacy-test-client');
    assert.equal(opened.protocolVersion, '2025-11-25');
    assert.deepEqual(opened.user, { sub: 'alice' });
    await transport.terminateSession();
    await client.close();
    assert.deepEqual(of('session.closed').find((event) => event.sessionId === id), { sessionId: id, reason: 'closed by client' });
  });

  it('emits tool.called with outcome ok / error / denied, arguments and duration', async () => {
    const { client } = await connectModern(running.mcpUrl, { 'x-user': 'bob' });
    await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    await client.callTool({ name: 'broken', arguments: {} });
    await client.callTool({ name: 'locked', arguments: {} });
    await client.callTool({ name: 'echo', arguments: { text: 42 } });
    const calls = of('tool.called').filter((call) => (call.user as { sub?: string })?.sub === 'bob');
    assert.deepEqual(
      calls.map((call) => [call.tool, call.outcome]),
      [
        ['echo', 'ok'],
        ['broken', 'error'],
        ['locked', 'denied'],
        ['echo', 'error'],
      ],
    );
    assert.deepEqual(calls[0]!.arguments, { text: 'hi' });
    assert.equal(calls[0]!.era, 'modern');
    assert.equal(calls[0]!.clientInfo?.name, 'modern-test-client');
    assert.ok(calls[0]!.durationMs >= 0);
    assert.equal(calls[2]!.error, 'Forbidden resource');
    await client.close();
  });

  it('emits log.emitted for ctx.log calls', async () => {
    const { client } = await connectLegacy(running.mcpUrl);
    await client.callTool({ name: 'echo', arguments: { text: 'abc' } });
    const log = of('log.emitted').at(-1)!;
    assert.equal(log.level, 'warning');
    assert.equal(log.message, 'echoing');
    assert.deepEqual(log.data, { length: 3 });
    assert.equal(log.logger, 'echo');
    await client.close();
  });

  it('emits roots.changed when a legacy client reports new roots', async () => {
    const { client, transport } = await connectLegacy(running.mcpUrl, {}, { roots: { listChanged: true } });
    await client.sendRootsListChanged();
    for (let i = 0; i < 50 && !of('roots.changed').some((e) => e.sessionId === transport.sessionId); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(of('roots.changed').some((event) => event.sessionId === transport.sessionId));
    await client.close();
  });

  it('refuses a session id presented by another principal, as if it did not exist', async () => {
    const { client, transport } = await connectLegacy(running.mcpUrl, { 'x-user': 'alice' });
    const hijack = await fetch(running.mcpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': transport.sessionId!,
        'mcp-protocol-version': '2025-11-25',
        'x-user': 'mallory',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }),
    });
    assert.equal(hijack.status, 404);
    assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: 'still mine' } })), 'still mine');
    await client.close();
  });
});
