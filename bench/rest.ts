/**
 * `npm run bench:rest`: the same `echo` call on the same server, as a 2026-07-28 `tools/call`
 * and as `POST /api/tools/echo/call`, in interleaved rounds: what the REST face costs.
 *
 *   npm run bench:rest -- [--rounds 5] [--duration 4] [--warmup 1] [--concurrency 32]
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ClusterInstance, freePort } from '../apps/scaled/cluster.js';
import { HttpPool } from './load/http-pool.js';
import { LatencyRecorder } from './load/latency-recorder.js';
import { McpTarget } from './load/mcp-target.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '32' },
  },
});

const SCRIPT = fileURLToPath(new URL('./servers/ours/rest.main.js', import.meta.url));
const REST_HEADERS = ['content-type', 'application/json', 'accept', 'application/json'];
const REST_BODY = JSON.stringify({ text: 'hello' });

interface Sample {
  callsPerSecond: number;
  cpuPerCallMicros: number;
  p50Ms: number;
  p99Ms: number;
}

/** CPU time of a process so far, in microseconds (Linux `/proc/<pid>/stat`, clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function measure(pid: number, call: () => Promise<void>): Promise<Sample> {
  const latencies = new LatencyRecorder();
  let state: 'warmup' | 'measure' | 'stop' = 'warmup';
  const caller = async () => {
    while (state !== 'stop') {
      const started = performance.now();
      await call();
      if (state === 'measure') latencies.record(performance.now() - started);
    }
  };
  const callers = Array.from({ length: Number(values.concurrency) }, caller);
  await new Promise((resolve) => setTimeout(resolve, Number(values.warmup) * 1000));
  state = 'measure';
  const cpuBefore = cpuMicros(pid);
  const opened = performance.now();
  await new Promise((resolve) => setTimeout(resolve, Number(values.duration) * 1000));
  const elapsed = performance.now() - opened;
  const cpu = cpuMicros(pid) - cpuBefore;
  const calls = latencies.count;
  state = 'stop';
  await Promise.all(callers);
  const [p50Ms, p99Ms] = latencies.percentiles(50, 99);
  return { callsPerSecond: (calls * 1000) / elapsed, cpuPerCallMicros: cpu / calls, p50Ms: p50Ms!, p99Ms: p99Ms! };
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const started = Date.now();
const server = new ClusterInstance('rest', await freePort(), SCRIPT, { ...process.env }, undefined);
await server.start();
const pool = new HttpPool(`http://127.0.0.1:${server.port}`, Number(values.concurrency));
const mcp = new McpTarget(pool, '/mcp', '2026-07-28');
const rest = async () => {
  const reply = await pool.request('POST', '/api/tools/echo/call', REST_HEADERS, REST_BODY);
  if (reply.status !== 200 || !reply.body.includes('hello')) throw new Error(`REST call answered ${reply.status}: ${reply.body}`);
};
const samples: Record<'mcp' | 'rest', Sample[]> = { mcp: [], rest: [] };
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const face of round % 2 === 0 ? (['mcp', 'rest'] as const) : (['rest', 'mcp'] as const)) {
      const sample = await measure(server.process!.pid!, face === 'mcp' ? () => mcp.callEcho() : rest);
      samples[face].push(sample);
      process.stderr.write(`round ${round + 1} ${face}: ${sample.callsPerSecond.toFixed(0)} calls/s, ${sample.cpuPerCallMicros.toFixed(0)} µs CPU per call, p50 ${sample.p50Ms.toFixed(2)} ms\n`);
    }
  }
} finally {
  await pool.close();
  await server.kill('SIGTERM');
}

const row = (label: string, runs: Sample[], base: Sample[]) => {
  const pick = (key: keyof Sample, of: Sample[]) => median(of.map((sample) => sample[key]));
  const ratio = (key: keyof Sample) => (pick(key, runs) / pick(key, base)).toFixed(2);
  return `| ${label} | ${pick('callsPerSecond', runs).toFixed(0)} (${ratio('callsPerSecond')}×) | ${pick('cpuPerCallMicros', runs).toFixed(0)} µs (${ratio('cpuPerCallMicros')}×) | ${pick('p50Ms', runs).toFixed(2)} ms | ${pick('p99Ms', runs).toFixed(2)} ms |`;
};
console.log(`\n| the echo call, same server | calls per s | server CPU per call | p50 | p99 |\n|---|---:|---:|---:|---:|`);
console.log(row('2026-07-28 `tools/call` on `/mcp`', samples.mcp, samples.mcp));
console.log(row('`POST /api/tools/echo/call`', samples.rest, samples.mcp));
console.log(`\nMedians of ${values.rounds} interleaved rounds, ${values.concurrency} callers; ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}. Took ${Math.round((Date.now() - started) / 1000)} s.`);
