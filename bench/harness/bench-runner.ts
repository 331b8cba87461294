import type { BenchOptions } from '../bench-options.js';
import { HttpPool } from '../load/http-pool.js';
import { McpTarget } from '../load/mcp-target.js';
import { SessionsPhase, type HoldSample, type SessionsSample } from '../load/sessions.phase.js';
import { measureThroughput, type ThroughputSample } from '../load/throughput.phase.js';
import type { ServerResults } from '../report/bench-results.js';
import { ServerProcess, warningLines } from './server-process.js';
import { processKey, requestHeadersOf } from './server-spec.js';
import { benchBearerToken } from '../servers/bench-jwt.js';

/**
 * A default run must end within five minutes. Every step but one has a fixed or capped
 * length; opening 10,000 sessions takes as long as the server needs, so the hold runs last and
 * gets what is left of this budget (between the two bounds below) unless `--hold-seconds` says.
 */
const RUN_BUDGET_MS = 265_000;
const HOLD_OPEN_MIN_MS = 5_000;
const HOLD_OPEN_MAX_MS = 60_000;

/**
 * Runs the rounds, every server once per round; each round starts one server further along the
 * list, so none is always measured first or right after the same neighbour. Rows that share a
 * script, directory and flags (ours in both eras, the baseline in both eras) share one process
 * per round: it is one server.
 *
 * The builds of our server (this checkout's, its flagged variant, the `--baseline` checkout's)
 * move along the list as one block, back to back in every round, so an A/B pair always sees the
 * same moment of a shared machine; inside the block their order flips from round to round
 * (A B, B A, A B ...), so neither build always runs first on a fresh neighbour's heels.
 */
export class BenchRunner {
  constructor(
    private readonly options: BenchOptions,
    /** Core the servers are pinned to; undefined runs them unpinned. */
    private readonly serverCpu: number | undefined,
    private readonly log: (line: string) => void,
  ) {}

  /** The bearer token of the authenticated rows: one for the run, as a client holds one for its session. */
  private readonly token = benchBearerToken();
  private budgetEndsAt = Infinity;
  /** The one row that holds the many idle sessions, if any. */
  private holder: ServerResults | undefined;

  async run(results: ServerResults[]): Promise<void> {
    const groups: ServerResults[][] = [];
    for (const server of results) {
      const group = groups.find(([first]) => processKey(first!.spec) === processKey(server.spec));
      if (group) group.push(server);
      else groups.push([server]);
    }
    this.holder = results.find((server) => this.options.hold > 0 && server.spec.role === 'ours' && server.spec.era === 'legacy');
    const { rounds, warmupMs, durationMs } = this.options;
    // Windows are the fixed part of the run; a longer custom run gets a proportionally longer budget.
    const windowsMs = rounds * results.length * (warmupMs + durationMs);
    this.budgetEndsAt = performance.now() + Math.max(RUN_BUDGET_MS, windowsMs * 1.2);

    // Blocks: every build of our server in one, every other process alone. Inside ours: the
    // flagged variant, then the baseline, then ours with Node's defaults, so that the baseline
    // and ours run next to each other in every round, and ours (which holds) can end the last.
    const ourBuild = (group: ServerResults[]) => group.some((server) => server.spec.role === 'ours' || server.spec.role === 'baseline');
    const holds = (group: ServerResults[]) => group.some((server) => this.holds(server));
    const rank = (group: ServerResults[]) => {
      const { role, nodeArgs } = group[0]!.spec;
      return holds(group) ? 3 : role === 'ours' && !nodeArgs?.length ? 2 : role === 'baseline' ? 1 : 0;
    };
    const blocks: ServerResults[][][] = [];
    for (const group of groups) {
      const block = ourBuild(group) ? blocks.find((candidate) => ourBuild(candidate[0]!)) : undefined;
      if (block) block.push(group);
      else blocks.push([group]);
    }
    for (const block of blocks) block.sort((a, b) => rank(a) - rank(b));

    // Rotate by one block each round, ending with the hold's process last in the last round.
    const holder = Math.max(0, blocks.findIndex((block) => block.some(holds)));
    for (let round = 0; round < rounds; round++) {
      const shift = (holder + 1 + round - (rounds - 1) + rounds * blocks.length) % blocks.length;
      const flip = (rounds - 1 - round) % 2 === 1;
      const tag = `[round ${round + 1}/${rounds}]`;
      for (const block of [...blocks.slice(shift), ...blocks.slice(0, shift)]) {
        for (const group of flip ? [...block].reverse() : block) await this.runProcess(group, tag, round === rounds - 1);
      }
    }
  }

  /**
   * The 10,000-session hold is a target of ours only, and too slow to ask of every peer or of
   * more than one row of ours: it falls to the first legacy row of ours (`ours` unless only
   * `ours-flag` runs); the baseline does not hold.
   */
  private holds(server: ServerResults): boolean {
    return server === this.holder;
  }

  /**
   * One fresh process: the correctness check, session opening (its RSS figure needs a heap no
   * earlier load has grown), throughput with those sessions still open and idle, the rate of
   * session opening on the now warm process, and in the last round the hold of many idle
   * sessions (ours only, and last, so no window runs beside it).
   */
  private async runProcess(group: ServerResults[], tag: string, lastRound: boolean): Promise<void> {
    const live = group.filter((server) => !server.failure);
    if (live.length === 0) return;
    let running: ServerProcess;
    try {
      running = await ServerProcess.start(live[0]!.spec, this.serverCpu);
    } catch (error) {
      for (const server of live) this.fail(server, tag, error);
      return;
    }
    const pool = new HttpPool(running.origin, this.options.concurrency);
    const { concurrency, sessions, warmupMs, durationMs, openSessions, openMs, rateMs, rateWarmupMs, hold, holdMs } = this.options;
    const phases = new Map<ServerResults, SessionsPhase>();
    const each = async (servers: ServerResults[], step: (server: ServerResults, target: McpTarget, id: string) => Promise<void>) => {
      for (const server of servers) {
        if (server.failure) continue;
        try {
          await step(server, new McpTarget(pool, server.spec.path, server.spec.era, undefined, requestHeadersOf(server.spec, this.token)), server.spec.id.padEnd(10));
        } catch (error) {
          this.fail(server, tag, error);
        }
      }
    };
    try {
      await each(live, (server) => this.verify(running, pool, server));

      await each(
        live.filter((server) => server.spec.era === 'legacy'),
        async (server, target, id) => {
          const phase = new SessionsPhase(running, target, { concurrency, count: openSessions, maxMs: openMs });
          phases.set(server, phase);
          const sample = await phase.measure();
          server.sessions.push(sample);
          this.log(`${tag} ${id} ${describeSessions(sample)}`);
        },
      );

      await each(live, async (server, target, id) => {
        const sample = await measureThroughput(running, target, { concurrency, sessions, warmupMs, durationMs });
        server.throughput.push(sample);
        this.log(`${tag} ${id} ${describeThroughput(sample)}`);
      });

      // After the throughput windows, so the sessions it leaves open weigh on none of them.
      await each(
        live.filter((server) => phases.has(server)),
        async (server, _target, id) => {
          const rate = await phases.get(server)!.measureRate(rateWarmupMs, rateMs);
          server.openRates.push(rate);
          this.log(`${tag} ${id} ${fmt(rate)} sessions opened per s (warm)`);
        },
      );

      if (!lastRound) return;
      await each(
        live.filter((server) => this.holds(server) && phases.has(server)),
        async (server, _target, id) => {
          const left = this.budgetEndsAt - performance.now();
          const holdOpenMs = this.options.holdOpenMs ?? Math.min(HOLD_OPEN_MAX_MS, Math.max(HOLD_OPEN_MIN_MS, left));
          server.hold = await phases.get(server)!.hold(hold, holdMs, holdOpenMs);
          this.log(`${tag} ${id} ${describeHold(server.hold)}`);
        },
      );
    } finally {
      await pool.close();
      recordWarnings(group, running.lastOutput);
      await running.stop();
    }
  }

  /** Proves the server answers a real `tools/call` before anything is measured. */
  private async verify(running: ServerProcess, pool: HttpPool, server: ServerResults): Promise<void> {
    const { spec } = server;
    const probe = new McpTarget(pool, spec.path, spec.era, `verify ${spec.id} ${Math.random().toString(36).slice(2)}`, requestHeadersOf(spec, this.token));
    try {
      await probe.callEcho(spec.era === 'legacy' ? await probe.openSession() : undefined);
    } catch (error) {
      throw running.fail(`failed the correctness check (a real tools/call of echo): ${error instanceof Error ? error.message : String(error)}`);
    }
    server.coldStartMs.push(performance.now() - running.spawnedAt);
  }

  private fail(server: ServerResults, tag: string, error: unknown): void {
    server.failure = error instanceof Error ? error.message : String(error);
    this.log(`${tag} ${server.spec.id} FAILED: ${server.failure}`);
  }
}

/** What a build of ours warned of, kept once per row over the rounds. */
function recordWarnings(group: ServerResults[], output: string): void {
  const warnings = warningLines(output);
  if (warnings.length === 0) return;
  for (const server of group) {
    if (server.spec.role === 'ours' || server.spec.role === 'baseline') server.warnings = [...new Set([...(server.warnings ?? []), ...warnings])];
  }
}

function describeSessions(sample: SessionsSample): string {
  return `${sample.opened} sessions opened, ${mb(sample.rssPer1000)} RSS (V8 heap ${mb(sample.heapPer1000)}) per 1000 idle`;
}

function describeThroughput(sample: ThroughputSample): string {
  return (
    `${fmt(sample.callsPerSecond)} calls/s, ${fmt(sample.cpuPerCallMicros)} µs CPU/call, p50 ${sample.p50Ms.toFixed(2)} ms, ` +
    `p99 ${sample.p99Ms.toFixed(2)} ms, load generator at ${Math.round(sample.clientCpuShare * 100)}% of its core` +
    (sample.errors ? `, ${sample.errors} failed calls` : '')
  );
}

function describeHold(hold: HoldSample): string {
  return (
    `held ${fmt(hold.held)} more idle sessions (${fmt(hold.open)} open), ${hold.probeErrors}/${hold.probes} probe calls failed, ` +
    `RSS ${mb(hold.rssAtHold)} → ${mb(hold.rssAfterHold)}, ${mb(hold.rssPer1000)} RSS (V8 heap ${mb(hold.heapPer1000)}) per 1000 over the hold`
  );
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
