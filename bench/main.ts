/**
 * `npm run bench`: ours, the peers and the ceiling, each in its own process on its own core,
 * driven from this process on another; progress on stderr, the Markdown table on stdout.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { BenchUsageError, parseBenchOptions, USAGE, type BenchOptions } from './bench-options.js';
import { BenchRunner } from './harness/bench-runner.js';
import { allowedCpus, pinSelf } from './harness/cpu-pinning.js';
import { MachineLoad } from './harness/machine-load.js';
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
    options.servers.length > 0
      ? options.servers.includes(spec.id)
      : !spec.optional && (spec.role !== 'ours' || options.eras.includes(spec.era)),
  );
}

/** Client on one core, servers on another; without two cores or `taskset`, say so and go on. */
function pin(options: BenchOptions): { serverCpu: number | undefined; pinning: string } {
  const allowed = allowedCpus();
  if (!allowed) {
    log('⚠ taskset is not available: nothing is pinned, figures mix client and server CPU.');
    return { serverCpu: undefined, pinning: 'not pinned (no taskset)' };
  }
  const { clientCpu, serverCpu } = options;
  if (!allowed.includes(clientCpu) || !allowed.includes(serverCpu) || clientCpu === serverCpu) {
    log(`⚠ cores ${clientCpu}/${serverCpu} are not two distinct allowed cores (allowed: ${allowed.join(',')}): nothing is pinned.`);
    return { serverCpu: undefined, pinning: `not pinned (allowed cores: ${allowed.join(',')})` };
  }
  pinSelf(clientCpu);
  return { serverCpu, pinning: `load generator pinned to core ${clientCpu}, each server to core ${serverCpu}` };
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const specs = selectServers(options);
  const { serverCpu, pinning } = pin(options);
  if (specs.some((spec) => spec.peer)) ensurePeersInstalled(log);

  log(`Benchmarking ${specs.map((s) => s.id).join(', ')}: ${options.rounds} round(s); ${pinning}.`);
  const results: ServerResults[] = specs.map((spec) => ({ spec, coldStartMs: [], throughput: [], sessions: [], openRates: [] }));
  const load = new MachineLoad();
  const startedAt = performance.now();
  await new BenchRunner(options, serverCpu, log).run(results);
  const elapsedMs = performance.now() - startedAt;
  const machine: BenchMachine = {
    node: process.version,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: cpus().length,
    pinning,
    othersCpuShare: load.othersShare(),
  };

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
