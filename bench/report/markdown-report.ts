import type { BenchOptions } from '../bench-options.js';
import { median, type BenchBuilds, type BenchMachine, type ServerResults } from './bench-results.js';

type ColumnKey = 'calls' | 'cpu' | 'p50' | 'p99' | 'opens' | 'rss' | 'heap' | 'start';

interface Column {
  key: ColumnKey;
  title: string;
  /** Which way is better, for the best peer. */
  better: 'higher' | 'lower';
  value(server: ServerResults): number;
  format(value: number): string;
  /** Why the column does not apply to this server (shown instead of a number). */
  notApplicable?(server: ServerResults): string | undefined;
}

const MiB = 2 ** 20;
const CLIENT_BOUND_SHARE = 0.9;
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const stateless = (server: ServerResults) => (server.spec.era === 'legacy' ? undefined : 'n/a (no sessions)');

const COLUMNS: Column[] = [
  { key: 'calls', title: 'tools/call per s', better: 'higher', value: (s) => median(s.throughput.map((t) => t.callsPerSecond)), format: int },
  { key: 'cpu', title: 'server CPU per call', better: 'lower', value: (s) => median(s.throughput.map((t) => t.cpuPerCallMicros)), format: (v) => `${int(v)} µs` },
  { key: 'p50', title: 'p50 latency', better: 'lower', value: (s) => median(s.throughput.map((t) => t.p50Ms)), format: (v) => `${v.toFixed(2)} ms` },
  { key: 'p99', title: 'p99 latency', better: 'lower', value: (s) => median(s.throughput.map((t) => t.p99Ms)), format: (v) => `${v.toFixed(2)} ms` },
  {
    key: 'opens',
    title: 'sessions opened per s',
    better: 'higher',
    value: (s) => median(s.openRates),
    format: int,
    notApplicable: stateless,
  },
  {
    key: 'rss',
    title: 'RSS per 1000 idle sessions',
    better: 'lower',
    value: (s) => median(s.sessions.map((t) => t.rssPer1000)) / MiB,
    format: (v) => `${v.toFixed(1)} MB`,
    notApplicable: stateless,
  },
  {
    key: 'heap',
    title: '(V8 heap of those)',
    better: 'lower',
    value: (s) => median(s.sessions.map((t) => t.heapPer1000)) / MiB,
    format: (v) => `${v.toFixed(1)} MB`,
    notApplicable: stateless,
  },
  { key: 'start', title: 'spawn → first call', better: 'lower', value: (s) => median(s.coldStartMs), format: (v) => `${int(v)} ms` },
];

/** The best peer's value of a column (peers only: not ours, not the ceiling). */
function bestPeer(column: Column, servers: ServerResults[]): number {
  const values = servers.filter((s) => s.spec.role === 'peer').map(column.value).filter(Number.isFinite);
  if (values.length === 0) return NaN;
  return column.better === 'higher' ? Math.max(...values) : Math.min(...values);
}

function cell(column: Column, server: ServerResults, best: number): string {
  const reason = column.notApplicable?.(server);
  if (reason) return reason;
  const value = column.value(server);
  if (!Number.isFinite(value)) return server.failure ? 'failed' : '—';
  const ratio = Number.isFinite(best) && best > 0 ? ` (${(value / best).toFixed(2)}×)` : '';
  return `${column.format(value)}${ratio}`;
}

/** One Markdown table of medians, ratios against the best peer, then what a reader must know. */
export function renderMarkdownReport(
  servers: ServerResults[],
  options: BenchOptions,
  machine: BenchMachine,
  builds: BenchBuilds,
  elapsedMs: number,
): string {
  const bests = COLUMNS.map((column) => bestPeer(column, servers));
  const lines = [
    `| server | ${COLUMNS.map((c) => c.title).join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---:').join('|')}|`,
  ];
  const notes: string[] = [];
  for (const server of servers) {
    const cells = COLUMNS.map((column, index) => cell(column, server, bests[index]!));
    const clientShare = median(server.throughput.map((t) => t.clientCpuShare));
    if (clientShare >= CLIENT_BOUND_SHARE) {
      cells[0] += ' †';
      notes.push(`† ${server.spec.id}: the load generator used ${Math.round(clientShare * 100)}% of its core, so this server may be faster than shown.`);
    }
    lines.push(`| ${server.spec.label} | ${cells.join(' | ')} |`);
    const errors = server.throughput.reduce((sum, t) => sum + t.errors, 0);
    if (errors > 0) notes.push(`${server.spec.id}: ${errors} tools/call failed during the throughput runs.`);
    if (server.failure) notes.push(`**${server.spec.id} FAILED**: ${server.failure.split('\n')[0]}`);
    for (const warning of server.warnings ?? []) notes.push(`⚠ ${server.spec.id} printed: ${warning}`);
    if (server.hold) notes.push(holdNote(server));
  }

  const peers = servers.filter((s) => s.spec.role === 'peer' && s.throughput.length > 0).map((s) => s.spec.id);
  const out = [
    lines.join('\n'),
    '',
    `Medians of ${options.rounds} interleaved round(s); ratios are value ÷ best peer (${peers.join(', ') || 'none ran'}): ` +
      `the highest per-second figure, the lowest of the others. Throughput: ${options.concurrency} closed-loop callers over ` +
      `${options.sessions} sessions, ${options.durationMs / 1000} s after ${options.warmupMs / 1000} s warm-up; server CPU is the ` +
      `server process's own CPU time (all threads) over the window ÷ calls. Sessions: ${options.concurrency} clients doing ` +
      `initialize + notifications/initialized; opened per s once ${options.rateWarmupMs / 1000} s of opening has passed, handshakes started over ` +
      `${options.rateMs / 1000} s, at the end of each round (a warm process); RSS per 1000 is the growth left by up to ${options.openSessions} sessions opened ` +
      `in ${options.openMs / 1000} s on the fresh process (after as many opened as a warm-up), after a full GC before and after (V8 heap in use + external: ` +
      `the same growth without the allocator's slack, steadier from run to run). Spawn → first call: process ` +
      `start to the first correct tools/call answer.${nodeArgsNote(servers, builds)}${buildsNote(servers, builds)}`,
    ...notes.map((note) => `- ${note}`),
    ...builds.changedDuringRun.map((change) => `- ⚠ **${change}.**`),
    ...abLines(servers, builds, options.rounds),
    '',
    ...targetLines(servers, bests),
    '',
    `Machine: ${machine.cpuModel}, ${machine.cpus} cores; Node ${machine.node}; ${machine.pinning}. Took ${(elapsedMs / 1000).toFixed(0)} s.` +
      othersNote(machine.othersCpuShare),
  ];
  return out.join('\n');
}

/** Beyond this share of the machine taken by others, the figures are flagged as noisy. */
const BUSY_MACHINE_SHARE = 0.05;

function othersNote(share: number | undefined): string {
  if (share === undefined) return '';
  const percent = `${Math.round(share * 100)}%`;
  return share > BUSY_MACHINE_SHARE
    ? ` ⚠ Other processes used ${percent} of the machine's CPU during the run: treat these figures as indicative.`
    : ` Other processes used ${percent} of the machine's CPU during the run.`;
}

/** The Node flags of the rows that have any, and those every server got from the environment. */
function nodeArgsNote(servers: ServerResults[], builds: BenchBuilds): string {
  const flagged = servers.filter((server) => server.spec.nodeArgs?.length);
  const list = flagged.map((server) => `${server.spec.id} ${server.spec.nodeArgs!.join(' ')}`).join(', ');
  const rows = flagged.length === 0 ? " Every server ran with Node's defaults" : ` Node flags: ${list}; every other server ran with Node's defaults`;
  const extra = builds.extraNodeArgs.length ? `, and every server with BENCH_SERVER_NODE_ARGS ${builds.extraNodeArgs.join(' ')}` : '';
  return `${rows}${extra}.`;
}

/** Which build of our server each of our rows ran, when a baseline ran beside it. */
function buildsNote(servers: ServerResults[], builds: BenchBuilds): string {
  if (!builds.baseline || !servers.some((server) => server.spec.role === 'baseline')) return '';
  return ` Builds: ours = this checkout (${builds.ours}); base = ${builds.baseline.revision} (${builds.baseline.dir}), run from its own directory and node_modules.`;
}

/** Pairs compared head to head: the first ÷ the second, when both ran. */
const PAIRS: ReadonlyArray<readonly [string, string, string]> = [
  ['ours', 'base', 'this checkout ÷ baseline'],
  ['ours-2026', 'base-2026', 'this checkout ÷ baseline'],
  ['ours-flag', 'ours', 'what --no-allocation-site-pretenuring changes'],
  ['ours-2026-flag', 'ours-2026', 'what --no-allocation-site-pretenuring changes'],
];

/** Per-round ratios are shown for these columns: the pair ran back to back in each round. */
const PER_ROUND: ReadonlyArray<{ key: ColumnKey; sample: (server: ServerResults) => number[] }> = [
  { key: 'calls', sample: (s) => s.throughput.map((t) => t.callsPerSecond) },
  { key: 'cpu', sample: (s) => s.throughput.map((t) => t.cpuPerCallMicros) },
  { key: 'p99', sample: (s) => s.throughput.map((t) => t.p99Ms) },
];

/** The A/B section: each pair's ratio of medians per column, and of each round's figures. */
function abLines(servers: ServerResults[], builds: BenchBuilds, rounds: number): string[] {
  const lines: string[] = [];
  for (const [a, b, what] of PAIRS) {
    const first = servers.find((server) => server.spec.id === a);
    const second = servers.find((server) => server.spec.id === b);
    if (!first || !second || first.throughput.length === 0 || second.throughput.length === 0) continue;
    const parts: string[] = [];
    for (const column of COLUMNS) {
      if (column.notApplicable?.(first) || column.notApplicable?.(second)) continue;
      // A memory growth can come out at or below zero (the allocator had room): no ratio then.
      const [valueA, valueB] = [column.value(first), column.value(second)];
      if (!(valueA > 0 && valueB > 0)) continue;
      const perRound = PER_ROUND.find((entry) => entry.key === column.key);
      const [roundsA, roundsB] = perRound ? [perRound.sample(first), perRound.sample(second)] : [[], []];
      const byRound =
        roundsA.length > 1 && roundsA.length === roundsB.length
          ? ` (by round ${roundsA.map((value, i) => `${(value / roundsB[i]!).toFixed(2)}×`).join(', ')})`
          : '';
      parts.push(`${column.title} ${(valueA / valueB).toFixed(2)}×${byRound}`);
    }
    const revisions = b.startsWith('base') && builds.baseline ? ` (${builds.ours} ÷ ${builds.baseline.revision})` : '';
    lines.push(`- ${a} ÷ ${b}, ${what}${revisions}: ${parts.join('; ')}`);
  }
  if (lines.length === 0) return [];
  return [
    '',
    'A/B, ratios of medians (above 1×: the first has more; better is higher for the per-second figures, lower for the others); ' +
      'each pair ran back to back in every round, in alternating order, so these are steadier than the ratios against peers; ' +
      (rounds > 1
        ? 'still, a difference within the spread of the by-round ratios is noise:'
        : 'still, one round shows no spread: on this shared machine, repeat it (or run 3 rounds) before trusting a difference of a few percent:'),
    ...lines,
  ];
}

function holdNote(server: ServerResults): string {
  const hold = server.hold!;
  const growth = ((hold.rssAfterHold - hold.rssAtHold) / hold.rssAtHold) * 100;
  const opened =
    hold.held >= hold.wanted
      ? `${int(hold.held)} more idle sessions opened (${int(hold.open)} open)`
      : `only ${int(hold.held)} of ${int(hold.wanted)} more idle sessions opened in the ${(hold.openMaxMs / 1000).toFixed(0)} s allowed (--hold-seconds allows more)`;
  return (
    `${server.spec.id}: ${opened}; after ${hold.holdMs / 1000} s idle, ${hold.probes - hold.probeErrors}/${hold.probes} probe calls spread ` +
    `across them answered; RSS ${(hold.rssAtHold / MiB).toFixed(1)} MB → ${(hold.rssAfterHold / MiB).toFixed(1)} MB ` +
    `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%); over the hold, per 1000 idle sessions ${(hold.rssPer1000 / MiB).toFixed(1)} MB RSS ` +
    `(${(hold.heapPer1000 / MiB).toFixed(1)} MB V8 heap)` +
    (hold.firstError ? `; first error: ${hold.firstError.split('\n')[0]}` : '')
  );
}

/** The performance targets (docs/performance.md), checked for our rows against the same run's peers. */
function targetLines(servers: ServerResults[], bests: number[]): string[] {
  const ours = servers.filter((s) => s.spec.role === 'ours' && !s.failure);
  if (ours.length === 0) return [];
  const lines = ['Targets:'];
  const mark = (ok: boolean | undefined) => (ok === undefined ? '— (no peer ran)' : ok ? '✅' : '❌');
  for (const server of ours) {
    const value = (key: ColumnKey) => COLUMNS.find((column) => column.key === key)!.value(server);
    const ratio = (key: ColumnKey) => {
      const best = bests[COLUMNS.findIndex((column) => column.key === key)]!;
      return Number.isFinite(best) ? value(key) / best : undefined;
    };
    const atLeast = (key: ColumnKey, times: number) => (ratio(key) === undefined ? undefined : ratio(key)! >= times);
    const atMost = (key: ColumnKey, times: number) => (ratio(key) === undefined ? undefined : ratio(key)! <= times);
    const checks = [
      `tools/call ≥ 3× best peer ${mark(atLeast('calls', 3))}`,
      `CPU per call ≤ 120 µs ${mark(value('cpu') <= 120)}`,
      `p99 ≤ 0.5× best peer ${mark(atMost('p99', 0.5))}`,
      `spawn → first call ≤ 1.5 s ${mark(value('start') <= 1_500)}`,
    ];
    if (server.spec.era === 'legacy') {
      checks.push(`sessions opened ≥ 2.5× best peer ${mark(atLeast('opens', 2.5))}`, `≤ 12 MB RSS per 1000 idle ${mark(value('rss') <= 12)}`);
      if (server.hold) {
        const { held, wanted, probeErrors, firstError, rssAtHold, rssAfterHold } = server.hold;
        const stable = (rssAfterHold - rssAtHold) / rssAtHold <= 0.05;
        checks.push(`${int(wanted)} more idle sessions held, stable memory ${mark(held >= wanted && probeErrors === 0 && !firstError && stable)}`);
        checks.push(`≤ 12 MB RSS per 1000 idle over the hold ${mark(server.hold.rssPer1000 / MiB <= 12)}`);
      }
    }
    lines.push(`- ${server.spec.id}: ${checks.join('; ')}`);
  }
  return lines;
}
