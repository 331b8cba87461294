/**
 * Cold start of the reference server (`src/`, embedded database): process spawn to its first
 * answered MCP request, over several fresh processes, each on its own new database file.
 *
 *   npm run bench:cold-start -- [--runs 7] [--node-args=<flags>]
 *
 * The server runs with Node's defaults, as a user's app would start it; `--node-args` passes
 * flags explicitly, e.g. `--node-args=--no-allocation-site-pretenuring` (the `=` is needed when
 * the value starts with a dash; several flags: `--node-args="--a --b"`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './harness/server-catalog.js';
import { freePort } from './harness/server-process.js';
import { HttpPool } from './load/http-pool.js';
import { INITIALIZE_HEADERS, initializeBody } from './load/mcp-wire.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, 'node-args': { type: 'string', default: '' } } });
const script = join(REPO_ROOT, 'dist/src/main.js');
const nodeArgs = values['node-args'].split(/\s+/).filter(Boolean);

async function coldStartMs(): Promise<number> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fastmcp-cold-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', MCP_SQLITE_PATH: join(dir, 'notes.sqlite') },
    stdio: 'ignore',
  });
  const pool = new HttpPool(`http://127.0.0.1:${port}`, 1);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the reference server exited with code ${child.exitCode}`);
      const reply = await pool.request('POST', '/mcp', INITIALIZE_HEADERS, initializeBody(1)).catch(() => undefined);
      if (reply?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGKILL');
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const samples: number[] = [];
for (let run = 0; run < Number(values.runs); run++) samples.push(await coldStartMs());
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)]!;
const flags = nodeArgs.length ? `node ${nodeArgs.join(' ')}` : "Node's defaults";
console.log(`| reference server cold start (spawn → first answered request; ${flags}) | median ${Math.round(median)} ms | runs: ${samples.map(Math.round).join(', ')} ms | target ≤ 1,500 ms ${median <= 1_500 ? '✅' : '❌'} |`);
