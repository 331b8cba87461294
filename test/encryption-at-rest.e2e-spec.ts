import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { McpConfigurationError, McpModule, McpRegistry, McpTool } from 'nestjs-fastmcp';
import { z } from 'zod';
import {
  isUndecryptable,
  McpPersistenceModule,
  McpRecordWriter,
  McpSessionsService,
  type McpEncryptionOptions,
  type McpPersistenceOptions,
} from 'nestjs-fastmcp/persistence';
import { auditedApp } from './fixtures/audited-tools.fixture.js';
import { connectLegacy, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { sqliteDatabase, TEST_DATABASES, type TestDatabase } from './support/test-databases.js';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const ONE_KEY: McpEncryptionOptions = { key: K1.toString('base64') };
const FIRST_KEY: McpEncryptionOptions = { keys: { k1: K1 }, current: 'k1' };
const ROTATED: McpEncryptionOptions = { keys: { k2: K2.toString('hex'), k1: K1 }, current: 'k2' };
/** The one-key shorthand's id is `default`: listing that key under that id keeps its rows readable. */
const ROTATED_FROM_ONE_KEY: McpEncryptionOptions = { keys: { k2: K2, default: K1 }, current: 'k2' };

@Injectable()
class NoteTools {
  @McpTool({ name: 'note', input: z.object({ text: z.string() }) })
  note({ text }: { text: string }) {
    return text;
  }
}

interface RawToolCall {
  tool: string;
  principal_id: string | null;
  arguments: string;
}

for (const { kind, create } of TEST_DATABASES) {
  describe(`encryption at rest on ${kind}`, () => {
    let db: TestDatabase;
    let running: RunningApp | undefined;
    /** (Re)starts the app on the suite's database with the given encryption. */
    const start = async (encryption: McpEncryptionOptions, options: McpPersistenceOptions = {}) => {
      await running?.close();
      running = await startApp({ imports: [auditedApp({ ...db.config, writer: { flushIntervalMs: 20 }, encryption, ...options })] });
      return running;
    };
    /** Calls `echo` with a text nobody else uses; returns it once its rows are written. */
    const echo = async (app: RunningApp) => {
      const text = `marker-${randomUUID()}`;
      const { client } = await connectLegacy(app.mcpUrl, { 'x-user': 'dana' });
      assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text } })), text);
      await client.close();
      await app.app.get(McpRecordWriter).flush();
      return text;
    };
    const rawToolCall = async (text: string) => {
      const rows = await db.query<RawToolCall>(`SELECT tool, principal_id, CAST(arguments AS TEXT) AS arguments FROM mcp_tool_calls WHERE tool = 'echo'`);
      const sealed = rows.filter((row) => !row.arguments.includes(text));
      // The marker appears in no raw row: each is one envelope among the suite's rows.
      assert.equal(rows.filter((row) => row.arguments.includes(text)).length, 0);
      return sealed;
    };

    before(async () => {
      db = await create();
    });

    after(async () => {
      try {
        await running?.close();
      } finally {
        await db.drop();
      }
    });

    it('stores no plaintext of tool arguments or log data, and McpSessionsService reads them back', async () => {
      const app = await start(ONE_KEY);
      const text = await echo(app);

      const calls = await rawToolCall(text);
      assert.equal(calls.length, 1);
      assert.equal(calls[0]!.tool, 'echo');
      assert.equal(calls[0]!.principal_id, 'dana');
      assert.match(calls[0]!.arguments, /"\$enc":\s*"v1:default:/);
      const logs = await db.query<{ data: string | null }>(`SELECT CAST(data AS TEXT) AS data FROM mcp_logs`);
      assert.ok(logs.some((log) => log.data !== null && /"\$enc":\s*"v1:default:/.test(log.data)));
      assert.ok(logs.every((log) => !log.data?.includes(text)));

      const service = app.app.get(McpSessionsService);
      const [call] = await service.toolCalls({ tool: 'echo', principalId: 'dana' });
      assert.deepEqual(call!.arguments, { text });
      const logged = await service.logs({ sessionId: call!.sessionId });
      assert.deepEqual(logged.find((log) => log.message === 'info line')?.data, { text });
    });

    it('writes new rows with the current key after a rotation, and still reads the rows of the older key', async () => {
      const beforeRotation = await echo(await start(FIRST_KEY));
      const app = await start(ROTATED);
      const afterRotation = await echo(app);

      const keyIds = (await rawToolCall(afterRotation)).map((row) => /v1:([\w.-]+):/.exec(row.arguments)![1]);
      assert.ok(keyIds.includes('k1'));
      assert.ok(keyIds.includes('k2'));
      const calls = await app.app.get(McpSessionsService).toolCalls({ tool: 'echo' });
      const texts = calls.map((call) => (call.arguments as { text?: string }).text);
      assert.ok(texts.includes(beforeRotation));
      assert.ok(texts.includes(afterRotation));
    });

    it('reads a row whose key is no longer configured as an undecryptable marker', async () => {
      await echo(await start(FIRST_KEY));
      const app = await start({ keys: { k2: K2 }, current: 'k2' });
      const readable = await echo(app);
      const calls = await app.app.get(McpSessionsService).toolCalls({ tool: 'echo' });
      const unreadable = calls.map((call) => call.arguments).filter(isUndecryptable);
      assert.deepEqual(
        unreadable.find((value) => value.keyId === 'k1'),
        { undecryptable: true, keyId: 'k1', reason: 'unknown key id' },
      );
      assert.ok(calls.some((call) => (call.arguments as { text?: string }).text === readable));
    });

    it('replays encrypted stream events after a restart (2025-11-25, Last-Event-ID)', async () => {
      const app = await start(ONE_KEY);
      const { client, transport } = await connectLegacy(app.mcpUrl);
      const sessionId = transport.sessionId!;
      await client.close();
      const registry = app.app.get(McpRegistry);
      registry.setToolEnabled('echo', false);
      registry.setToolEnabled('echo', true);
      const standaloneEvents = () =>
        db.query<{ seq: number | string; message: string }>(
          `SELECT seq, CAST(message AS TEXT) AS message FROM mcp_stream_events WHERE session_id = $1 AND stream_id = '_GET_stream' ORDER BY seq`,
          [sessionId],
        );
      let events = await standaloneEvents();
      // Notifications are sent (and stored) asynchronously.
      for (let attempt = 0; attempt < 100 && events.length < 2; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        events = await standaloneEvents();
      }
      assert.equal(events.length, 2);
      for (const event of events) {
        assert.match(event.message, /"\$enc":\s*"v1:default:/);
        assert.doesNotMatch(event.message, /list_changed/);
      }
      const [seen, missed] = events.map((event) => String(event.seq));

      const restarted = await start(ROTATED_FROM_ONE_KEY);
      const response = await fetch(restarted.mcpUrl, {
        headers: { accept: 'text/event-stream', 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25', 'last-event-id': seen! },
      });
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      let received = '';
      while (!received.includes('list_changed')) received += new TextDecoder().decode((await reader.read()).value);
      const replayed = /id: (\d+)\ndata: (.*)\n/.exec(received)!;
      assert.equal(replayed[1], missed);
      assert.deepEqual(JSON.parse(replayed[2]!), { jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
      await reader.cancel();
    });
  });
}

describe('encryption options at bootstrap', () => {
  const bootstrap = (persistence: ReturnType<typeof McpPersistenceModule.forRoot>) => {
    @Module({ imports: [McpModule.forRoot({ name: 'encrypted', version: '1.0.0' }), persistence] })
    class EncryptedAppModule {}
    return Test.createTestingModule({ imports: [EncryptedAppModule] }).compile();
  };

  it('fails on a key of the wrong length with a configuration error naming the option', async () => {
    await assert.rejects(
      bootstrap(McpPersistenceModule.forRoot({ sqlitePath: ':memory:', encryption: { key: randomBytes(16).toString('base64') } })),
      (error: unknown) => {
        assert.ok(error instanceof McpConfigurationError, String(error));
        assert.equal(error.option, 'encryption.key');
        assert.match(error.message, /McpPersistenceModule: `encryption\.key` must be a 32-byte key \(AES-256\)/);
        return true;
      },
    );
  });

  it('validates keys given through forRootAsync the same way', async () => {
    await assert.rejects(
      bootstrap(
        McpPersistenceModule.forRootAsync({
          useFactory: () => ({ sqlitePath: ':memory:', encryption: { keys: { k2: 'abcd', k1: K1 }, current: 'k2' } }),
        }),
      ),
      /`encryption\.keys\.k2` must be a 32-byte key/,
    );
  });

  it('encrypts with keys given through forRootAsync', async () => {
    const db = await sqliteDatabase();
    const app = await startApp({
      imports: [
        McpModule.forRoot({ name: 'encrypted', version: '1.0.0' }),
        McpPersistenceModule.forRootAsync({ useFactory: async () => ({ ...db.config, encryption: { key: K1 } }) }),
      ],
      providers: [NoteTools],
    });
    try {
      const { client } = await connectLegacy(app.mcpUrl);
      await client.callTool({ name: 'note', arguments: { text: 'async-marker' } });
      await client.close();
      await app.app.get(McpRecordWriter).flush();
      const [raw] = await db.query<{ arguments: string }>(`SELECT arguments FROM mcp_tool_calls WHERE tool = 'note'`);
      assert.match(raw!.arguments, /^\{"\$enc":"v1:default:/);
      const [call] = await app.app.get(McpSessionsService).toolCalls({ tool: 'note' });
      assert.deepEqual(call!.arguments, { text: 'async-marker' });
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
