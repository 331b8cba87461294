/**
 * `npm run bench`: ours, the peers and the ceiling, each in its own process on its own core,
 * driven from this process on another; progress on stderr, the Markdown table on stdout.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { BenchUsageError, parseBenchOptions, USAGE, type BenchOptions } from './bench-options.js';
import { BenchRunner } from './harness/bench-runner.js';
import { allowedCpus, pinSelf } from './harness/cpu-pinning.js';
import { ensurePeersInstalled } from './harness/peers-installer.js';
import { SERVER_CATALOG } from './harness/server-catalog.js';
import type { ServerSpec } from './harness/server-spec.js';
import type { BenchMachine, ServerResults } from './report/bench-results.js';
import { renderMarkdownReport } from './report/markdown-report.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

function selectServers(options: BenchOptions): ServerSpec[] {
  const unknown = options.servers.filter((id) => !SERVER_CATALOG.some((spec) => spec.id === id));
  if (unknown.length > 0) throw new BenchUsageError(`Unknown server(s): ${unknown.join(', ')}`);
  return SERVER_CATALOG.filter((spec) =>
    options.servers.length > 0 ? options.servers.includes(spec.id) : spec.role !== 'ours' || options.eras.includes(spec.era),
  );
}

/** Client on one core, servers on another; without two cores or `taskset`, say so and go on. */
function pin(options: BenchOptions): BenchOptions & { pinning: string } {
  const allowed = allowedCpus();
  if (!allowed) {
    log('⚠ taskset is not available: nothing is pinned, figures mix client and server CPU.');
    return { ...options, pinning: 'not pinned (no taskset)' };
  }
  if (!allowed.includes(options.clientCpu) || !allowed.includes(options.serverCpu) || options.clientCpu === options.serverCpu) {
    log(`⚠ cores ${options.clientCpu}/${options.serverCpu} are not two distinct allowed cores (allowed: ${allowed.join(',')}): nothing is pinned.`);
    return { ...options, pinning: `not pinned (allowed cores: ${allowed.join(',')})` };
  }
  pinSelf(options.clientCpu);
  return { ...options, pinning: `load generator pinned to core ${options.clientCpu}, each server to core ${options.serverCpu}` };
}

async function main(): Promise<number> {
  const parsed = parseBenchOptions(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const specs = selectServers(parsed);
  const options = pin(parsed);
  const serverCpu = options.pinning.startsWith('not pinned') ? undefined : options.serverCpu;
  if (specs.some((spec) => spec.peer)) ensurePeersInstalled(log);

  const machine: BenchMachine = { node: process.version, cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU', cpus: cpus().length, pinning: options.pinning };
  log(`Benchmarking ${specs.map((s) => s.id).join(', ')}: ${options.rounds} round(s); ${machine.pinning}.`);
  const results: ServerResults[] = specs.map((spec) => ({ spec, coldStartMs: [], throughput: [], sessions: [] }));
  const startedAt = performance.now();
  await new BenchRunner(options, serverCpu, log).run(results);
  const elapsedMs = performance.now() - startedAt;

  process.stdout.write(`\n${renderMarkdownReport(results, options, machine, elapsedMs)}\n`);
  if (options.json) writeFileSync(options.json, JSON.stringify({ options, machine, elapsedMs, results }, null, 2));
  const failed = results.filter((r) => r.failure);
  for (const server of failed) log(`\n${server.spec.id} failed:\n${server.failure}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error instanceof BenchUsageError ? error.message : (error.stack ?? error.message)) : String(error));
    process.exit(error instanceof BenchUsageError ? 2 : 1);
  },
);
