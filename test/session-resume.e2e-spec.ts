import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Global, Injectable, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyHttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  MCP_SESSION_STORE,
  McpEvents,
  McpModule,
  McpSessionManager,
  McpTool,
  principalId,
  type McpContext,
  type McpSessionStore,
  type McpStoredSession,
} from 'nestjs-fastmcp';
import { connectLegacy, textOf } from './support/clients.js';
import { HeaderUserMiddleware } from './support/header-user.middleware.js';
import { startApp, type RunningApp } from './support/test-app.js';

/** The smallest store: a Map fed by McpEvents, outliving the Nest app as a database would. */
class MapSessionStore implements McpSessionStore {
  readonly sessions = new Map<string, McpStoredSession>();

  attach(events: McpEvents): void {
    events.on('session.opened', (event) =>
      this.sessions.set(event.sessionId, {
        protocolVersion: event.protocolVersion!,
        clientInfo: event.clientInfo!,
        clientCapabilities: event.clientCapabilities ?? {},
        principalId: principalId(event.user),
      }),
    );
    events.on('session.logLevel', ({ sessionId, level }) => {
      const stored = this.sessions.get(sessionId);
      if (stored) stored.logLevel = level;
    });
    events.on('session.closed', ({ sessionId, reason }) => {
      if (reason !== 'shutdown') this.sessions.delete(sessionId);
    });
  }

  async load(sessionId: string) {
    return this.sessions.get(sessionId);
  }
}

@Injectable()
class ChattyTools {
  @McpTool({ name: 'chat' })
  chat(_args: unknown, ctx: McpContext) {
    ctx.log.info('an info line');
    ctx.log.error('an error line');
    return { sessionId: ctx.sessionId, client: ctx.clientInfo?.name, protocolVersion: ctx.protocolVersion, user: ctx.user };
  }
}

function appModule(store: MapSessionStore) {
  @Global()
  @Module({ providers: [{ provide: MCP_SESSION_STORE, useValue: store }], exports: [MCP_SESSION_STORE] })
  class StoreModule {}

  @Module({ imports: [McpModule.forRoot({ name: 'resume', version: '1.0.0' }), StoreModule], providers: [ChattyTools] })
  class ResumeAppModule implements NestModule {
    configure(consumer: MiddlewareConsumer) {
      consumer.apply(HeaderUserMiddleware).forRoutes('*');
    }
  }
  return ResumeAppModule;
}

async function reconnect(url: URL, sessionId: string, headers: Record<string, string> = {}) {
  const client = new LegacyClient({ name: 'reconnecting-client', version: '1.0.0' });
  const received: string[] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
    received.push(`${notification.params.level}:${String(notification.params.data)}`);
  });
  // A transport that already has a session id skips `initialize`: the client resumes.
  await client.connect(new LegacyHttpTransport(url, { sessionId, requestInit: { headers } }));
  return { client, received };
}

describe('resuming a legacy session through an McpSessionStore', () => {
  const store = new MapSessionStore();
  let running: RunningApp;
  let sessionId: string;

  before(async () => {
    running = await startApp({ imports: [appModule(store)] });
    store.attach(running.app.get(McpEvents));
    const { client, transport } = await connectLegacy(running.mcpUrl, { 'x-user': 'alice' });
    sessionId = transport.sessionId!;
    await client.setLoggingLevel('error');
    await client.callTool({ name: 'chat', arguments: {} });
    // Drops the connections without ending the session (no DELETE), as a client does when the server goes away.
    await client.close();
    await running.close();
    running = await startApp({ imports: [appModule(store)] });
    store.attach(running.app.get(McpEvents));
  });

  after(() => running.close());

  it('rebuilds the session after a restart with its client info, protocol version and principal', async () => {
    const { client } = await reconnect(running.mcpUrl, sessionId, { 'x-user': 'alice' });
    const result = await client.callTool({ name: 'chat', arguments: {} });
    assert.deepEqual(JSON.parse(textOf(result)), {
      sessionId,
      client: 'legacy-test-client',
      protocolVersion: '2025-11-25',
      user: { sub: 'alice' },
    });
    await client.close();
  });

  it('keeps the log level the client had set', async () => {
    const { client, received } = await reconnect(running.mcpUrl, sessionId, { 'x-user': 'alice' });
    await client.callTool({ name: 'chat', arguments: {} });
    assert.deepEqual(received, ['error:an error line']);
    await client.close();
  });

  it('answers 404 to another principal presenting the id', async () => {
    const { client } = await reconnect(running.mcpUrl, sessionId, { 'x-user': 'mallory' });
    await assert.rejects(client.listTools(), /Session not found|404/);
    await client.close().catch(() => undefined);
  });

  it('rebuilds a session once for concurrent requests, and not for another principal among them', async () => {
    await running.close();
    running = await startApp({ imports: [appModule(store)] });
    store.attach(running.app.get(McpEvents));
    const owner = await reconnect(running.mcpUrl, sessionId, { 'x-user': 'alice' });
    const stranger = await reconnect(running.mcpUrl, sessionId, { 'x-user': 'mallory' });
    const [a, b, c, d] = await Promise.allSettled([
      owner.client.listTools(),
      stranger.client.listTools(),
      owner.client.listTools(),
      owner.client.callTool({ name: 'chat', arguments: {} }),
    ]);
    assert.deepEqual([a.status, b.status, c.status, d.status], ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    assert.equal(running.app.get(McpSessionManager).size, 1);
    await Promise.all([owner.client.close(), stranger.client.close().catch(() => undefined)]);
  });

  it('answers 404 to an id the store does not know', async () => {
    const { client } = await reconnect(running.mcpUrl, 'never-issued', { 'x-user': 'alice' });
    await assert.rejects(client.listTools(), /Session not found|404/);
    await client.close().catch(() => undefined);
  });
});
