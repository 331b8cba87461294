/**
 * Instructions per `tools/call` of one server, counted by callgrind: repeatable whatever else
 * the machine does, so a before/after of one change needs no interleaving or medians.
 *
 *   npm run bench:instructions -- [--servers ours,ours-2026] [--calls 400] [--warmup 300] [--concurrency 1]
 *
 * `--concurrency 32` counts the same calls made by 32 callers at once (over as many sessions):
 * costs that only show under load (batched audit writes, objects living across a collection)
 * are then in the count.
 *
 * The server runs under `valgrind --tool=callgrind` with collection off; after the warm-up
 * calls the counters are zeroed (`callgrind_control --zero`), the measured calls run one at a
 * time, and the dump that follows holds exactly their cost.
 */
import { spawn, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVER_CATALOG } from './harness/server-catalog.js';
import { canConnect, freePort } from './harness/server-process.js';
import { HttpPool } from './load/http-pool.js';
import { McpTarget, type McpSession } from './load/mcp-target.js';

const { values } = parseArgs({
  options: {
    servers: { type: 'string', default: 'ours,ours-2026' },
    calls: { type: 'string', default: '400' },
    warmup: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '1' },
  },
});
const calls = Number(values.calls);
const SERVER_HOST = '127.0.0.1';
const warmup = Number(values.warmup);
const concurrency = Math.max(1, Number(values.concurrency));

function callgrindControl(dir: string, command: '--zero' | '--dump', pid: number): void {
  // vgdb names its pipes after $USER and $HOST: both ends must see the same (the server's HOST).
  const env = { ...process.env, HOST: SERVER_HOST };
  execFileSync('callgrind_control', [`--vgdb-prefix=${dir}/vgdb`, command, String(pid)], { stdio: 'ignore', env });
}

async function countInstructions(id: string): Promise<number> {
  const spec = SERVER_CATALOG.find((server) => server.id === id);
  if (!spec) throw new Error(`unknown server ${id}`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fastmcp-callgrind-'));
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--smc-check=all-non-file', `--vgdb-prefix=${dir}/vgdb`, `--callgrind-out-file=${dir}/out.%p`, process.execPath, ...(spec.nodeArgs ?? []), spec.script],
    { cwd: dirname(spec.script), env: { ...process.env, PORT: String(port), HOST: SERVER_HOST, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  try {
    while (!(await canConnect(port))) {
      if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const pool = new HttpPool(`http://127.0.0.1:${port}`, concurrency);
    const target = new McpTarget(pool, spec.path, spec.era);
    const sessions: Array<McpSession | undefined> = [];
    for (let i = 0; i < concurrency; i++) sessions.push(spec.era === 'legacy' ? await target.openSession() : undefined);
    const callAll = async (count: number) => {
      let left = count;
      await Promise.all(sessions.map(async (session) => {
        while (left-- > 0) await target.callEcho(session);
      }));
    };
    await callAll(warmup);
    callgrindControl(dir, '--zero', child.pid!);
    await callAll(calls);
    callgrindControl(dir, '--dump', child.pid!);
    await pool.close();
    // The dump is written once valgrind's scheduler next runs, after callgrind_control returns.
    let totals: RegExpMatchArray | null = null;
    for (let waited = 0; !totals && waited < 120_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const dump = readdirSync(dir).find((name) => name.endsWith('.1'));
      totals = dump ? readFileSync(join(dir, dump), 'utf8').match(/^totals: (\d+)/m) : null;
    }
    if (!totals) throw new Error(`${id}: no totals in the callgrind dump`);
    return Number(totals[1]) / calls;
  } catch (error) {
    throw new Error(`${id}: ${(error as Error).message}\n${stderr}`);
  } finally {
    child.kill('SIGKILL');
    if (!process.env.KEEP_CALLGRIND) rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`| server | instructions per tools/call (${calls} calls after ${warmup} warm-up, ${concurrency === 1 ? 'one at a time' : `${concurrency} at a time`}) |`);
console.log('|---|---:|');
for (const id of values.servers.split(',')) {
  const perCall = await countInstructions(id);
  console.log(`| ${id} | ${Math.round(perCall).toLocaleString('en-US')} |`);
}
