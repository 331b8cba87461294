import type { BenchOptions } from '../bench-options.js';
import { median, type BenchMachine, type ServerResults } from './bench-results.js';

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
export function renderMarkdownReport(servers: ServerResults[], options: BenchOptions, machine: BenchMachine, elapsedMs: number): string {
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
      `start to the first correct tools/call answer.${nodeArgsNote(servers)}`,
    ...notes.map((note) => `- ${note}`),
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

/** The Node flags servers are deployed with, where any differ from Node's defaults. */
function nodeArgsNote(servers: ServerResults[]): string {
  const flagged = servers.filter((server) => server.spec.nodeArgs?.length);
  if (flagged.length === 0) return '';
  const list = flagged.map((server) => `${server.spec.id} ${server.spec.nodeArgs!.join(' ')}`).join(', ');
  return ` Node flags as deployed: ${list}; every other server runs with Node's defaults.`;
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

/** Issue 6's targets, checked for our rows against the same run's peers. */
function targetLines(servers: ServerResults[], bests: number[]): string[] {
  const ours = servers.filter((s) => s.spec.role === 'ours' && !s.failure);
  if (ours.length === 0) return [];
  const lines = ['Targets (issue 6):'];
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
