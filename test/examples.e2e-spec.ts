import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { DataSource } from 'typeorm';
import { connectModern, textOf } from './support/clients.js';
import { POSTGRES_URL } from './support/test-databases.js';
import { bearer } from './support/tokens.js';
import { freePort } from '../apps/scaled/cluster.js';

/**
 * Each example under apps/ started the way its page says, `npm run example:<name>` from the
 * repository, then called once with a real client and stopped as a terminal would stop it
 * (SIGTERM to the process group: npm, its shell and the app).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const STARTUP_MS = 60_000;
const SHUTDOWN_MS = 10_000;

/** Whether any process of the group `pid` leads is still running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether something still accepts connections on `port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

interface RunningExample {
  readonly url: URL;
  readonly port: number;
  /** What the example wrote on stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/** `npm run <script>` with PORT set, until it prints its MCP endpoint. */
async function startExample(script: string, env: NodeJS.ProcessEnv = {}): Promise<RunningExample> {
  const port = await freePort();
  const { NODE_TEST_CONTEXT: _, ...inherited } = process.env;
  const child: ChildProcess = spawn(NPM, ['run', '--silent', script], {
    cwd: ROOT,
    env: { ...inherited, ...env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} printed no endpoint within ${STARTUP_MS} ms: ${stdout}${stderr}`)), STARTUP_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const printed = /MCP endpoint: (\S+)/.exec(stdout);
      if (printed) {
        clearTimeout(timer);
        resolve(new URL(printed[1]!));
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${stdout}${stderr}`)));
  });
  return {
    url,
    port,
    stderr: () => stderr,
    async stop() {
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), SHUTDOWN_MS);
      await exited;
      // npm may exit before the app it started has finished its shutdown: wait for the whole group.
      for (let i = 0; i < 100 && groupAlive(child.pid!); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      clearTimeout(timer);
      // The app's own shutdown (Nest's shutdown hooks) closes its server before the process ends.
      for (let i = 0; i < 50 && (await listening(port)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await listening(port), false, `${script} still listens on ${port} after SIGTERM`);
    },
  };
}

async function callAdd(url: URL): Promise<string> {
  const { client } = await connectModern(url);
  try {
    return textOf(await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } }));
  } finally {
    await client.close();
  }
}

describe('examples, each run with its npm script', () => {
  it('example:minimal serves a call, then stops on SIGTERM', async () => {
    const example = await startExample('example:minimal');
    try {
      assert.equal(await callAdd(example.url), '5');
    } finally {
      await example.stop();
    }
    assert.doesNotMatch(example.stderr(), /ERROR/);
  });

  it('example:fastify serves a call on Fastify, then stops on SIGTERM', async () => {
    const example = await startExample('example:fastify');
    try {
      assert.equal(await callAdd(example.url), '5');
    } finally {
      await example.stop();
    }
    assert.doesNotMatch(example.stderr(), /ERROR/);
  });

  it('example:rest-wrapped offers its REST routes as tools, then stops on SIGTERM', async () => {
    const example = await startExample('example:rest-wrapped');
    try {
      const { client } = await connectModern(example.url, { authorization: 'Bearer key-demo' });
      const added = await client.callTool({ name: 'add_note', arguments: { body: { text: 'from MCP' } } });
      assert.deepEqual(added.structuredContent, { id: 1, text: 'from MCP', author: 'demo', service: 'notes' });
      await client.close();
    } finally {
      await example.stop();
    }
    assert.doesNotMatch(example.stderr(), /ERROR/);
  });

  it('example:scaled starts three instances behind HAProxy and serves a session across them', async () => {
    const example = await startExample('example:scaled', { REDIS_KEY_PREFIX: `example-${randomUUID()}:` });
    try {
      const { client } = await connectModern(example.url);
      assert.match(textOf(await client.callTool({ name: 'whoami', arguments: {} })), /instance-\d/);
      await client.close();
    } finally {
      await example.stop();
    }
  });

  describe('example:enterprise (JWT, roles, PostgreSQL)', () => {
    const schema = `mcp_example_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const secret = 'examples-test-secret-of-at-least-32-bytes';

    after(async () => {
      const db = await new DataSource({ type: 'postgres', url: POSTGRES_URL, poolSize: 1 }).initialize();
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.destroy();
    });

    it('serves a caller with a minted token and audits the call in PostgreSQL', async () => {
      const env = { JWT_SECRET: secret, DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema };
      const example = await startExample('example:enterprise', env);
      try {
        const mint = spawnSync(process.execPath, [fileURLToPath(new URL('../apps/enterprise/mint-token.js', import.meta.url)), 'alice'], {
          env: { ...process.env, ...env, PORT: String(example.port) },
          encoding: 'utf8',
        });
        const { client } = await connectModern(example.url, bearer(mint.stdout.trim()));
        assert.equal(textOf(await client.callTool({ name: 'my_payslip', arguments: {} })), 'Payslip of alice: 4200.00 EUR net');
        await client.close();
      } finally {
        await example.stop();
      }
      const db = await new DataSource({ type: 'postgres', url: POSTGRES_URL, poolSize: 1 }).initialize();
      try {
        // The writer flushes what it holds when the app shuts down.
        const calls = (await db.query(`SELECT tool, outcome FROM ${schema}.mcp_tool_calls`)) as Array<{ tool: string; outcome: string }>;
        assert.deepEqual(calls.map(({ tool, outcome }) => [tool, outcome]), [['my_payslip', 'ok']]);
      } finally {
        await db.destroy();
      }
    });
  });

  it('example:stdio serves a client that started it', async () => {
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const client = new Client({ name: 'examples-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: NPM, args: ['run', '--silent', 'example:stdio'], cwd: ROOT, env: env as Record<string, string>, stderr: 'ignore' }));
    assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { text: 'hello' } })), 'hello');
    await client.close();
  });

  it('example:testing runs the example spec, which passes', () => {
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const run = spawnSync(NPM, ['run', '--silent', 'example:testing'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /ℹ pass 4\nℹ fail 0/);
  });
});
