import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { McpRecordWriter, McpSessionsService, type McpEncryptionOptions } from 'nestjs-fastmcp/persistence';
import { auditedApp } from './fixtures/audited-tools.fixture.js';
import { connectLegacy } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';
import { postgresBehindProxy, type PostgresBehindProxy } from './support/postgres-behind-proxy.js';

const ONE_KEY: McpEncryptionOptions = { key: randomBytes(32) };

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('encryption at rest in the spill file (PostgreSQL cut off)', () => {
  let pg: PostgresBehindProxy;
  let running: RunningApp | undefined;

  before(async () => {
    pg = await postgresBehindProxy('mcp-encrypted-spill-');
  });

  after(async () => {
    try {
      await running?.close();
    } finally {
      await pg.close();
    }
  });

  it('spills payloads encrypted, and writes them back readable once the database returns', async () => {
    const { db, proxy, spillDir } = pg;
    running = await startApp({
      imports: [
        auditedApp({
          ...db.config,
          url: pg.url,
          encryption: ONE_KEY,
          spill: { directory: spillDir, syncIntervalMs: 10 },
          writer: { flushIntervalMs: 10, retryDelayMs: 20, maxRetryDelayMs: 100, maxQueueSize: 20 },
        }),
      ],
    });
    const writer = running.app.get(McpRecordWriter);
    const { client } = await connectLegacy(running.mcpUrl);
    await client.callTool({ name: 'echo', arguments: { text: 'warm-up' } });
    await writer.flush();

    proxy.cutOff();
    for (let i = 0; i < 60; i++) await client.callTool({ name: 'echo', arguments: { text: `spilled-secret-${i}` } });
    const spilled = () => readdirSync(spillDir).map((file) => readFileSync(join(spillDir, file), 'utf8')).join('');
    await waitFor(() => spilled().includes('"tool":"echo"'), 'records in the spill file');
    assert.doesNotMatch(spilled(), /spilled-secret/);
    assert.match(spilled(), /"\$enc":"v1:default:/);
    proxy.restore();

    await writer.flush();
    const calls = await running.app.get(McpSessionsService).toolCalls({ tool: 'echo', limit: 1_000 });
    const texts = new Set(calls.map((call) => (call.arguments as { text: string }).text));
    for (let i = 0; i < 60; i++) assert.ok(texts.has(`spilled-secret-${i}`), `call ${i} written back`);
    const raw = await db.query<{ arguments: string }>(`SELECT CAST(arguments AS TEXT) AS arguments FROM mcp_tool_calls`);
    assert.ok(raw.every((row) => !row.arguments.includes('spilled-secret')));
    await client.close();
  });
});
