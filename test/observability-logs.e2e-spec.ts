import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { observedApp } from './fixtures/observed-app.fixture.js';
import { ERAS } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

interface LogLine {
  level: string;
  context: string;
  message: { method: string; target?: string; sessionId?: string; requestId: string | number; principal?: string; era: string; durationMs: number; errorType?: string };
}

/** Collects what is written to stdout while `run` runs (Nest's ConsoleLogger writes there). */
async function stdoutOf(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return true;
  }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

for (const { era, connect } of ERAS) {
  describe(`observability request logs, ${era}`, () => {
    let running: RunningApp;
    let lines: LogLine[];

    before(async () => {
      running = await startApp({ imports: [observedApp({ logs: { json: true } })] });
      const output = await stdoutOf(async () => {
        const { client } = await connect(running.mcpUrl, { 'x-user': 'ada' });
        await client.callTool({ name: 'login', arguments: { user: 'ada', password: 'hunter2' } });
        await client.callTool({ name: 'broken', arguments: {} });
        await client.close();
      });
      lines = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine)
        .filter((line) => line.context === 'McpRequest');
    });

    after(() => running.close());

    it('writes one JSON line per request with method, tool, request id and principal', () => {
      const login = lines.find((line) => line.message.target === 'login');
      assert.ok(login, JSON.stringify(lines));
      assert.equal(login.level, 'log');
      assert.equal(login.message.method, 'tools/call');
      assert.equal(login.message.principal, 'ada');
      assert.notEqual(login.message.requestId, undefined);
      assert.equal(typeof login.message.durationMs, 'number');
      if (era.startsWith('legacy')) assert.equal(typeof login.message.sessionId, 'string');
    });

    it('logs a failed call as a warning with its error.type', () => {
      const broken = lines.find((line) => line.message.target === 'broken');
      assert.equal(broken?.level, 'warn');
      assert.equal(broken?.message.errorType, 'tool_error');
    });

    it('never logs arguments', () => {
      assert.ok(!JSON.stringify(lines).includes('hunter2'));
    });
  });
}
