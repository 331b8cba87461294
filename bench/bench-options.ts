import { parseArgs } from 'node:util';
import type { BenchEra } from './load/mcp-wire.js';

export interface BenchOptions {
  rounds: number;
  warmupMs: number;
  durationMs: number;
  concurrency: number;
  sessions: number;
  eras: BenchEra[];
  /** Server ids to run; empty means all. */
  servers: string[];
  openSessions: number;
  openMs: number;
  /** The warm session-rate window, and the uncounted opening before it. */
  rateMs: number;
  rateWarmupMs: number;
  hold: number;
  /** How long the held sessions sit idle before memory and liveness are checked. */
  holdMs: number;
  /** Time allowed for opening the held sessions; undefined: what the run's budget leaves. */
  holdOpenMs?: number;
  clientCpu: number;
  serverCpu: number;
  json?: string;
  quick: boolean;
  /** Another built checkout of this repository whose server runs beside ours (`base`, `base-2026`). */
  baseline?: string;
}

export const USAGE = `Usage: npm run bench -- [options]

Starts each MCP server as its own process pinned to one core, drives it from this process pinned
to another, interleaves rounds and prints one Markdown table of medians.

  --duration <s>       measured seconds per throughput run            (default 10)
  --warmup <s>         warm-up seconds before each window             (default 3)
  --concurrency <n>    concurrent callers / session openers           (default 32)
  --sessions <n>       sessions the callers share (2025 era)          (default 32)
  --rounds <n>         interleaved rounds, the table shows medians    (default 3)
  --era <era>          our server's era (and the baseline's):
                       legacy | 2026-07-28 | both                     (default both)
  --servers <ids>      comma-separated subset of: ours, ours-2026, sdk, rekog, fastmcp, ceiling,
                       base, base-2026 (with --baseline), and, only when named, sdk-2026 (the
                       SDK's per-request mode), nest-floor (a Nest route on Express answering
                       fixed results), ours-flag and ours-2026-flag (ours with
                       --no-allocation-site-pretenuring), ours-mount and ours-2026-mount (a
                       gateway whose echo is a mounted stdio child's)
  --baseline <dir>     A/B against another build of our server: <dir> is another checkout of
                       this repository, built (npm run build) with its own node_modules, e.g.
                       git worktree add /tmp/bench-base <commit> && cd /tmp/bench-base &&
                       npm ci && npm run build
                       Adds rows base and base-2026 (per --era; labelled with <dir>'s commit)
                       running <dir>/dist/bench/servers/ours/main.js from <dir> with Node's
                       defaults, in the same interleaved rounds, back to back with ours (order
                       flipped every round), with their own ratios, and an A/B section
                       (ours ÷ base per column, and round by round)
  --open-sessions <n>  sessions opened on the fresh process (RSS)     (default 600)
  --open-seconds <s>   time cap of that opening                       (default 1)
  --rate-seconds <s>   sessions-per-second window at the end of each
                       round, after half as long of uncounted opening (default 0.6)
  --hold <n>           idle sessions our server must hold on top of
                       those already open, 0 to skip; only the first
                       of ours, ours-flag holds (not the baseline)    (default 10000)
  --hold-seconds <s>   time allowed to open them  (default: what is left of a 4½-minute
                       budget, 5 to 60 s; the hold runs last)
  --client-cpu <n>     core of the load generator                     (default 0)
  --server-cpu <n>     core of the servers                            (default 1)
  --json <file>        also write every sample as JSON
  --quick              ~20 s smoke run: 1 round, 1 s windows after 0.5 s, 200 sessions, hold 1000
  --help

Every server, ours and the baseline included, runs with Node's defaults; only ours-flag and
ours-2026-flag add --no-allocation-site-pretenuring.

Environment: BENCH_SERVER_NODE_ARGS adds node flags to every server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
`;

const ERAS: Record<string, BenchEra[]> = { both: ['legacy', '2026-07-28'], legacy: ['legacy'], '2026-07-28': ['2026-07-28'] };

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = 'BenchUsageError';
  }
}

const FLAGS = {
  duration: { type: 'string' },
  warmup: { type: 'string' },
  concurrency: { type: 'string' },
  sessions: { type: 'string' },
  rounds: { type: 'string' },
  era: { type: 'string' },
  servers: { type: 'string' },
  'open-sessions': { type: 'string' },
  'open-seconds': { type: 'string' },
  'rate-seconds': { type: 'string' },
  hold: { type: 'string' },
  'hold-seconds': { type: 'string' },
  'client-cpu': { type: 'string' },
  'server-cpu': { type: 'string' },
  json: { type: 'string' },
  baseline: { type: 'string' },
  quick: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: FLAGS, strict: true }).values;
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
}

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const values = parseFlags(argv);
  if (values.help) return 'help';
  const quick = values.quick;
  const number = (name: keyof typeof FLAGS, normal: number, smoke: number, min = 0) => {
    const raw = values[name];
    if (raw === undefined) return quick ? smoke : normal;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new BenchUsageError(`--${name} must be a number ≥ ${min}, got "${raw}"`);
    return value;
  };
  const eras = ERAS[values.era ?? 'both'];
  if (!eras) throw new BenchUsageError(`--era must be legacy, 2026-07-28 or both, got "${values.era}"`);
  return {
    rounds: Math.round(number('rounds', 3, 1, 1)),
    warmupMs: number('warmup', 3, 0.5) * 1000,
    durationMs: number('duration', 10, 1, 0.1) * 1000,
    concurrency: Math.round(number('concurrency', 32, 32, 1)),
    sessions: Math.round(number('sessions', 32, 32, 1)),
    eras,
    servers: values.servers ? values.servers.split(',').map((id) => id.trim()).filter(Boolean) : [],
    openSessions: Math.round(number('open-sessions', 600, 200, 1)),
    openMs: number('open-seconds', 1, 1, 0.1) * 1000,
    rateMs: number('rate-seconds', 0.6, 0.6, 0.1) * 1000,
    rateWarmupMs: (number('rate-seconds', 0.6, 0.6, 0.1) * 1000) / 2,
    hold: Math.round(number('hold', 10_000, 1_000)),
    holdMs: quick ? 500 : 2000,
    holdOpenMs: values['hold-seconds'] === undefined ? undefined : number('hold-seconds', 0, 0, 1) * 1000,
    clientCpu: Math.round(number('client-cpu', 0, 0)),
    serverCpu: Math.round(number('server-cpu', 1, 1)),
    json: values.json,
    quick,
    baseline: values.baseline,
  };
}
