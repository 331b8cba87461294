/**
 * `npm run bench:scale`: calls per second and latency with 1, 2 and 3 instances on one Redis
 * behind HAProxy's round-robin (no stickiness), against one instance in Redis mode and in plain
 * single-process mode, in the same run; then what a call costs when its 2025-era session was
 * opened on another instance. Rounds are interleaved and medians reported, as the machine is
 * shared.
 *
 *   npm run bench:scale -- [--rounds 3] [--duration 5] [--warmup 2] [--concurrency 32] [--sessions 32] [--era legacy|2026-07-28|both]
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ScaledCluster } from '../apps/scaled/cluster.js';
import type { BenchEra } from './load/mcp-wire.js';
import { closedLoop, elsewhereCost, type LoadSample } from './scale/closed-loop.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '32' },
    sessions: { type: 'string', default: '32' },
    era: { type: 'string', default: 'both' },
    redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});

const SCRIPT = fileURLToPath(new URL('./servers/ours/scaled.main.js', import.meta.url));
const eras: BenchEra[] = values.era === 'both' ? ['legacy', '2026-07-28'] : [values.era as BenchEra];

interface Setup {
  id: string;
  label: string;
  instances: number;
  redis: boolean;
  /** Through HAProxy, or straight to the one instance. */
  balanced: boolean;
}

const SETUPS: Setup[] = [
  { id: 'plain-1', label: 'plain mode, 1 instance', instances: 1, redis: false, balanced: false },
  { id: 'redis-1', label: 'Redis mode, 1 instance', instances: 1, redis: true, balanced: false },
  { id: 'redis-1-lb', label: 'Redis mode, 1 instance behind HAProxy', instances: 1, redis: true, balanced: true },
  { id: 'redis-2-lb', label: 'Redis mode, 2 instances behind HAProxy', instances: 2, redis: true, balanced: true },
  { id: 'redis-3-lb', label: 'Redis mode, 3 instances behind HAProxy', instances: 3, redis: true, balanced: true },
];

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function run(setup: Setup, era: BenchEra): Promise<LoadSample> {
  const cluster = await ScaledCluster.start({
    instances: setup.instances,
    script: SCRIPT,
    env: { BENCH_REDIS: setup.redis ? '1' : '0', REDIS_URL: values.redis, REDIS_KEY_PREFIX: `bench-${randomUUID()}:`, MCP_STATE_SECRET: 'bench-secret-shared-by-every-instance-0123456789' },
  });
  try {
    const url = setup.balanced ? cluster.url : cluster.instances[0]!.url;
    return await closedLoop(url, {
      era,
      concurrency: Number(values.concurrency),
      sessions: Number(values.sessions),
      warmupMs: Number(values.warmup) * 1000,
      durationMs: Number(values.duration) * 1000,
    });
  } finally {
    await cluster.stop();
  }
}

const started = Date.now();
const samples = new Map<string, LoadSample[]>();
const rounds = Number(values.rounds);
for (let round = 0; round < rounds; round++) {
  // Alternate the order every round, so no setup always runs on a warmer or cooler machine.
  const order = round % 2 === 0 ? SETUPS : [...SETUPS].reverse();
  for (const era of eras) {
    for (const setup of order) {
      const key = `${setup.id}/${era}`;
      const sample = await run(setup, era);
      samples.set(key, [...(samples.get(key) ?? []), sample]);
      process.stderr.write(`round ${round + 1}/${rounds} ${key}: ${sample.callsPerSecond.toFixed(0)} calls/s, p50 ${sample.p50Ms.toFixed(2)} ms, p99 ${sample.p99Ms.toFixed(2)} ms, ${sample.errors} errors\n`);
    }
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
for (const era of eras) {
  const base = samples.get(`plain-1/${era}`)!;
  const baseCalls = median(base.map((s) => s.callsPerSecond));
  const baseP99 = median(base.map((s) => s.p99Ms));
  console.log(`\n### ${era === 'legacy' ? '2025-11-25 sessions' : '2026-07-28 per-request'} (${values.concurrency} callers${era === 'legacy' ? `, ${values.sessions} sessions` : ''})\n`);
  console.log('| setup | tools/call per s | p50 | p99 | errors |');
  console.log('|---|---:|---:|---:|---:|');
  for (const setup of SETUPS) {
    const runs = samples.get(`${setup.id}/${era}`)!;
    const calls = median(runs.map((s) => s.callsPerSecond));
    const p99 = median(runs.map((s) => s.p99Ms));
    const errors = runs.reduce((sum, s) => sum + s.errors, 0);
    console.log(`| ${setup.label} | ${fmt(calls)} (${(calls / baseCalls).toFixed(2)}×) | ${fmt(median(runs.map((s) => s.p50Ms)), 2)} ms | ${fmt(p99, 2)} ms (${(p99 / baseP99).toFixed(2)}×) | ${errors} |`);
  }
}

if (eras.includes('legacy')) {
  const cluster = await ScaledCluster.start({
    instances: 2,
    script: SCRIPT,
    env: { BENCH_REDIS: '1', REDIS_URL: values.redis, REDIS_KEY_PREFIX: `bench-${randomUUID()}:`, MCP_STATE_SECRET: 'bench-secret-shared-by-every-instance-0123456789' },
  });
  try {
    const cost = await elsewhereCost(cluster.instances[0]!.url, cluster.instances[1]!.url, 500);
    console.log('\n### A 2025-era call on the instance that opened its session, and on another (one at a time, 500 calls each, alternating)\n');
    console.log('| served by | p50 |');
    console.log('|---|---:|');
    console.log(`| the instance that opened the session | ${fmt(cost.homeP50Ms, 3)} ms |`);
    console.log(`| another instance | ${fmt(cost.elsewhereP50Ms, 3)} ms (+${fmt((cost.elsewhereP50Ms - cost.homeP50Ms) * 1000, 0)} µs) |`);
  } finally {
    await cluster.stop();
  }
}

console.log(`\nMachine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}); Node ${process.version}; every process (instances, HAProxy, Redis, this load generator) shares them. Took ${Math.round((Date.now() - started) / 1000)} s.`);
