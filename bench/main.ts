/**
 * `npm run bench`: ours, the peers and the ceiling (and with `--baseline <dir>` another build of
 * ours), each in its own process on its own core, driven from this process on another; progress
 * on stderr, the Markdown table on stdout.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { BenchUsageError, parseBenchOptions, USAGE, type BenchOptions } from './bench-options.js';
import { BaselineError, checkoutRevision, resolveBaseline, type Baseline } from './harness/baseline.js';
import { BenchRunner } from './harness/bench-runner.js';
import { buildStamp, changedBuilds } from './harness/build-stamp.js';
import { allowedCpus, pinSelf } from './harness/cpu-pinning.js';
import { MachineLoad } from './harness/machine-load.js';
import { ensurePeersInstalled } from './harness/peers-installer.js';
import { BASELINE_IDS, REPO_ROOT, serverCatalog } from './harness/server-catalog.js';
import { extraNodeArgs } from './harness/server-process.js';
import type { ServerSpec } from './harness/server-spec.js';
import type { BenchBuilds, BenchMachine, ServerResults } from './report/bench-results.js';
import { renderMarkdownReport } from './report/markdown-report.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

function selectServers(options: BenchOptions, baseline: Baseline | undefined): ServerSpec[] {
  const catalog = serverCatalog(baseline);
  const needBaseline = options.servers.filter((id) => !baseline && (BASELINE_IDS as readonly string[]).includes(id));
  if (needBaseline.length > 0) throw new BenchUsageError(`${needBaseline.join(', ')}: the baseline's rows need --baseline <dir>`);
  const unknown = options.servers.filter((id) => !catalog.some((spec) => spec.id === id));
  if (unknown.length > 0) throw new BenchUsageError(`Unknown server(s): ${unknown.join(', ')}`);
  return catalog.filter((spec) =>
    options.servers.length > 0
      ? options.servers.includes(spec.id)
      : !spec.optional && ((spec.role !== 'ours' && spec.role !== 'baseline') || options.eras.includes(spec.era)),
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
  const baseline = options.baseline === undefined ? undefined : resolveBaseline(options.baseline);
  const specs = selectServers(options, baseline);
  const builds: BenchBuilds = {
    ours: checkoutRevision(REPO_ROOT),
    baseline: baseline && { dir: baseline.dir, revision: baseline.revision },
    extraNodeArgs: extraNodeArgs(),
    changedDuringRun: [],
  };
  const stamps = new Map([REPO_ROOT, ...(baseline ? [baseline.dir] : [])].map((root) => [root, buildStamp(root)]));
  const { serverCpu, pinning } = pin(options);
  if (specs.some((spec) => spec.peer)) ensurePeersInstalled(log);

  log(`Benchmarking ${specs.map((s) => s.id).join(', ')}: ${options.rounds} round(s); ${pinning}.`);
  if (baseline) log(`Baseline: ${baseline.revision} in ${baseline.dir} (this checkout: ${builds.ours}).`);
  const results: ServerResults[] = specs.map((spec) => ({ spec, coldStartMs: [], throughput: [], sessions: [], openRates: [] }));
  const load = new MachineLoad();
  const startedAt = performance.now();
  await new BenchRunner(options, serverCpu, log).run(results);
  const elapsedMs = performance.now() - startedAt;
  builds.changedDuringRun = changedBuilds(stamps);
  for (const change of builds.changedDuringRun) log(`⚠ ${change}`);
  const machine: BenchMachine = {
    node: process.version,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: cpus().length,
    pinning,
    othersCpuShare: load.othersShare(),
  };

  process.stdout.write(`\n${renderMarkdownReport(results, options, machine, builds, elapsedMs)}\n`);
  if (options.json) writeFileSync(options.json, JSON.stringify({ options, machine, builds, elapsedMs, results }, null, 2));
  const failed = results.filter((r) => r.failure);
  for (const server of failed) log(`\n${server.spec.id} failed:\n${server.failure}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof BenchUsageError || error instanceof BaselineError;
    log(error instanceof Error ? (usage ? error.message : (error.stack ?? error.message)) : String(error));
    process.exit(usage ? 2 : 1);
  },
);
