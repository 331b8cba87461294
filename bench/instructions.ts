/**
 * Instructions per `tools/call` of one server, counted by callgrind: repeatable whatever else
 * the machine does, so a before/after of one change needs no interleaving or medians.
 *
 *   npm run bench:instructions -- [--servers ours,ours-2026] [--calls 400] [--warmup 300] [--concurrency 1]
 *                                 [--baseline <dir>] [--repeat 1] [--node-args=<flags>]
 *
 * `--concurrency 32` counts the same calls made by 32 callers at once (over as many sessions):
 * costs that only show under load (batched audit writes, objects living across a collection)
 * are then in the count.
 *
 * `--baseline <dir>` (another checkout of this repository, built, with its own node_modules)
 * counts that build's server beside each of ours named in `--servers` (same era, same flags,
 * same settings; the two builds alternate) and prints both counts and their relative difference.
 * `--repeat <n>` counts every server n times (alternating the builds' order each time) and shows
 * the median with every count.
 *
 * Every server runs with Node's defaults (`ours-flag` / `ours-2026-flag` add
 * --no-allocation-site-pretenuring); `--node-args` adds flags to every server counted, e.g.
 * `--node-args=--no-allocation-site-pretenuring` (the `=` is needed when the value starts with a
 * dash; several flags: `--node-args="--a --b"`).
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
import { BaselineError, checkoutRevision, resolveBaseline, type Baseline } from './harness/baseline.js';
import { buildStamp, changedBuilds } from './harness/build-stamp.js';
import { ensurePeersInstalled } from './harness/peers-installer.js';
import { BASELINE_IDS, REPO_ROOT, serverCatalog } from './harness/server-catalog.js';
import { canConnect, freePort, warningLines } from './harness/server-process.js';
import { requestHeadersOf, type ServerSpec } from './harness/server-spec.js';
import { benchBearerToken } from './servers/bench-jwt.js';
import { median } from './report/bench-results.js';
import { HttpPool } from './load/http-pool.js';
import { McpTarget, type McpSession } from './load/mcp-target.js';

const USAGE = `Usage: npm run bench:instructions -- [options]

Counts the instructions of one tools/call of each server under valgrind --tool=callgrind.

  --servers <ids>      comma-separated: ours, ours-2026, ours-flag, ours-2026-flag, sdk, rekog,
                       fastmcp, sdk-2026, nest-floor, ceiling, base, base-2026 (with --baseline)
                                                                      (default ours,ours-2026)
  --calls <n>          measured calls                                 (default 400)
  --warmup <n>         uncounted calls before them                    (default 300)
  --concurrency <n>    callers at once, over as many sessions         (default 1)
  --baseline <dir>     another checkout of this repository, built (npm run build) with its own
                       node_modules: each of ours in --servers is also counted on that build's
                       server (same era, flags and settings, the builds alternating), and the
                       table gives both counts and the relative difference
  --repeat <n>         count every server n times (builds alternating), show the median
                                                                      (default 1)
  --node-args=<flags>  Node flags for every server counted, e.g.
                       --node-args=--no-allocation-site-pretenuring  (default: Node's defaults)
  --help
`;

function parseOptions() {
  try {
    return parseArgs({
      options: {
        servers: { type: 'string', default: 'ours,ours-2026' },
        calls: { type: 'string', default: '400' },
        warmup: { type: 'string', default: '300' },
        concurrency: { type: 'string', default: '1' },
        baseline: { type: 'string' },
        repeat: { type: 'string', default: '1' },
        'node-args': { type: 'string', default: '' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
}

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function count(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) usageError(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

const values = parseOptions();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const calls = count('calls', values.calls, 1);
const warmup = count('warmup', values.warmup, 0);
const concurrency = count('concurrency', values.concurrency, 1);
const repeat = count('repeat', values.repeat, 1);
const extraArgs = values['node-args'].split(/\s+/).filter(Boolean);
const SERVER_HOST = '127.0.0.1';

function callgrindControl(dir: string, command: '--zero' | '--dump', pid: number): void {
  // vgdb names its pipes after $USER and $HOST: both ends must see the same (the server's HOST).
  const env = { ...process.env, HOST: SERVER_HOST };
  execFileSync('callgrind_control', [`--vgdb-prefix=${dir}/vgdb`, command, String(pid)], { stdio: 'ignore', env });
}

/** Node flags of one count: the row's own, then `--node-args`. */
const nodeArgsOf = (spec: ServerSpec) => [...(spec.nodeArgs ?? []), ...extraArgs];

/** What each counted server warned of (Nest's WARN / ERROR lines), by the row's id and build. */
const warnings = new Map<string, Set<string>>();

async function countInstructions(spec: ServerSpec, build: string): Promise<number> {
  const id = spec.id;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fastmcp-callgrind-'));
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--smc-check=all-non-file', `--vgdb-prefix=${dir}/vgdb`, `--callgrind-out-file=${dir}/out.%p`, process.execPath, ...nodeArgsOf(spec), spec.script],
    {
      cwd: spec.cwd ?? dirname(spec.script),
      env: { ...process.env, ...spec.env, PORT: String(port), HOST: SERVER_HOST, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  child.stdout!.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-4_000)));
  try {
    while (!(await canConnect(port))) {
      if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const pool = new HttpPool(`http://127.0.0.1:${port}`, concurrency);
    const target = new McpTarget(pool, spec.path, spec.era, undefined, requestHeadersOf(spec, benchBearerToken()));
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
    const warned = warningLines(`${stdout}\n${stderr}`);
    if (warned.length > 0) warnings.set(`${id} @ ${build}`, new Set([...(warnings.get(`${id} @ ${build}`) ?? []), ...warned]));
    child.kill('SIGKILL');
    if (!process.env.KEEP_CALLGRIND) rmSync(dir, { recursive: true, force: true });
  }
}

/** One line of the table: a server, and with `--baseline` the baseline's build of it (same era and flags). */
interface Row {
  spec: ServerSpec;
  base?: ServerSpec;
  counts: number[];
  baseCounts: number[];
}

function selectRows(baseline: Baseline | undefined): Row[] {
  const catalog = serverCatalog(baseline);
  const ids = values.servers.split(',').map((id) => id.trim()).filter(Boolean);
  const needBaseline = ids.filter((id) => !baseline && (BASELINE_IDS as readonly string[]).includes(id));
  if (needBaseline.length > 0) usageError(`${needBaseline.join(', ')}: the baseline's rows need --baseline <dir>`);
  const unknown = ids.filter((id) => !catalog.some((spec) => spec.id === id));
  if (unknown.length > 0) usageError(`Unknown server(s): ${unknown.join(', ')}`);
  return ids.map((id) => {
    const spec = catalog.find((candidate) => candidate.id === id)!;
    const counterpart = spec.role === 'ours' ? catalog.find((candidate) => candidate.role === 'baseline' && candidate.era === spec.era) : undefined;
    // The same settings as ours: its flags and profile too (`ours-flag` is compared with the baseline
    // flagged alike, `ours-prod` with the baseline's production profile).
    const base = counterpart && { ...counterpart, nodeArgs: spec.nodeArgs, env: spec.env, bearer: spec.bearer };
    return { spec, base, counts: [], baseCounts: [] };
  });
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const era = (spec: ServerSpec) => (spec.era === 'legacy' ? '2025-11-25 sessions' : '2026-07-28 per-request');
const flagsOf = (spec: ServerSpec) => (nodeArgsOf(spec).length ? nodeArgsOf(spec).join(' ') : "Node's defaults");

/** The median, and with `--repeat` every count in the order they were made. */
function cell(counts: number[]): string {
  return counts.length > 1 ? `${int(median(counts))} (${counts.map(int).join(' / ')})` : int(counts[0]!);
}

function difference(ours: number, base: number): string {
  const percent = ((ours - base) / base) * 100;
  return `${percent < 0 ? '−' : '+'}${Math.abs(percent).toFixed(1)} %`;
}

async function main(): Promise<void> {
  let baseline: Baseline | undefined;
  try {
    baseline = values.baseline === undefined ? undefined : resolveBaseline(values.baseline);
  } catch (error) {
    if (error instanceof BaselineError) usageError(error.message);
    throw error;
  }
  const rows = selectRows(baseline);
  if (rows.some((row) => row.spec.peer)) ensurePeersInstalled((line) => process.stderr.write(`${line}\n`));

  const ours = checkoutRevision(REPO_ROOT);
  const stamps = new Map([REPO_ROOT, ...(baseline ? [baseline.dir] : [])].map((root) => [root, buildStamp(root)]));
  const buildOf = (spec: ServerSpec) => (spec.role === 'baseline' ? baseline!.revision : ours);
  const progress = (spec: ServerSpec, perCall: number, round: number) =>
    process.stderr.write(
      `${spec.id} @ ${buildOf(spec)} (${flagsOf(spec)})${repeat > 1 ? `, count ${round + 1}/${repeat}` : ''}: ${int(perCall)} instructions per tools/call\n`,
    );
  for (let round = 0; round < repeat; round++) {
    for (const row of rows) {
      // The two builds alternate: ours first in even counts, the baseline first in odd ones.
      const order: Array<[ServerSpec, number[]]> = [[row.spec, row.counts]];
      if (row.base) order[round % 2 === 0 ? 'push' : 'unshift']([row.base, row.baseCounts]);
      for (const [spec, into] of order) {
        const perCall = await countInstructions(spec, buildOf(spec));
        into.push(perCall);
        progress(spec, perCall, round);
      }
    }
  }

  const changed = changedBuilds(stamps);
  const settings = `${calls} calls after ${warmup} warm-up, ${concurrency === 1 ? 'one at a time' : `${concurrency} at a time`}`;
  const counted = rows.flatMap((row) => [row.spec, ...(row.base ? [row.base] : [])]);
  const flagSets = new Set(counted.map(flagsOf));
  const flags =
    flagSets.size === 1 ? `${[...flagSets][0]}, for every server` : rows.map((row) => `${row.spec.id} ${flagsOf(row.spec)}`).join('; ');
  const times = repeat > 1 ? `; median of ${repeat} counts each, then every count` : '';
  console.log(`\nInstructions per tools/call (${settings}${times}). Node flags: ${flags}.`);
  if (!baseline) {
    console.log(`\n| server | instructions per tools/call |`);
    console.log('|---|---:|');
    for (const row of rows) console.log(`| ${row.spec.id} | ${cell(row.counts)} |`);
    printWarnings(changed);
    return;
  }
  console.log(`This checkout: ${ours} (${REPO_ROOT.replace(/\/$/, '')}); baseline: ${baseline.revision} (${baseline.dir}); the builds alternated, same settings.`);
  console.log(`\n| server | this checkout (${ours}) | baseline (${baseline.revision}) | difference (below 0: this checkout runs fewer) |`);
  console.log('|---|---:|---:|---:|');
  for (const row of rows) {
    const label = row.spec.role === 'ours' || row.spec.role === 'baseline' ? `${row.spec.id}, ${era(row.spec)}` : row.spec.id;
    if (row.base) {
      console.log(`| ${label} | ${cell(row.counts)} | ${cell(row.baseCounts)} | ${difference(median(row.counts), median(row.baseCounts))} |`);
    } else if (row.spec.role === 'baseline') {
      console.log(`| ${label} | | ${cell(row.counts)} | |`);
    } else {
      console.log(`| ${label} | ${cell(row.counts)} | | |`);
    }
  }
  printWarnings(changed);
}

/** A server that warned (a fast path turned off, say) may be counting another path than the one meant. */
function printWarnings(changed: string[]): void {
  if (warnings.size > 0 || changed.length > 0) console.log('');
  for (const change of changed) console.log(`- ⚠ **${change}.**`);
  for (const [server, lines] of warnings) for (const line of lines) console.log(`- ⚠ ${server} printed: ${line}`);
}

await main();
