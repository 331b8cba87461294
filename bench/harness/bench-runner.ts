import type { BenchOptions } from '../bench-options.js';
import { HttpPool } from '../load/http-pool.js';
import { McpTarget } from '../load/mcp-target.js';
import { SessionsPhase, type HoldSample, type SessionsSample } from '../load/sessions.phase.js';
import { measureThroughput, type ThroughputSample } from '../load/throughput.phase.js';
import type { ServerResults } from '../report/bench-results.js';
import { ServerProcess } from './server-process.js';

/**
 * A default run must end within five minutes (issue 6). Every step but one has a fixed or capped
 * length; opening 10,000 sessions takes as long as the server needs, so the hold runs last and
 * gets what is left of this budget (between the two bounds below) unless `--hold-seconds` says.
 */
const RUN_BUDGET_MS = 265_000;
const HOLD_OPEN_MIN_MS = 5_000;
const HOLD_OPEN_MAX_MS = 60_000;

/**
 * Runs the rounds, every server once per round; each round starts one server further along the
 * list, so none is always measured first or right after the same neighbour. Rows that share a
 * script (ours in both eras) share one process per round: it is one server.
 */
export class BenchRunner {
  constructor(
    private readonly options: BenchOptions,
    /** Core the servers are pinned to; undefined runs them unpinned. */
    private readonly serverCpu: number | undefined,
    private readonly log: (line: string) => void,
  ) {}

  private budgetEndsAt = Infinity;

  async run(results: ServerResults[]): Promise<void> {
    const groups: ServerResults[][] = [];
    for (const server of results) {
      const group = groups.find(([first]) => first!.spec.script === server.spec.script);
      if (group) group.push(server);
      else groups.push([server]);
    }
    const { rounds, warmupMs, durationMs } = this.options;
    // Windows are the fixed part of the run; a longer custom run gets a proportionally longer budget.
    const windowsMs = rounds * results.length * (warmupMs + durationMs);
    this.budgetEndsAt = performance.now() + Math.max(RUN_BUDGET_MS, windowsMs * 1.2);
    // Rotate by one each round, ending with the hold's process last in the last round.
    const holder = Math.max(0, groups.findIndex((group) => group.some((server) => this.holds(server))));
    for (let round = 0; round < rounds; round++) {
      const shift = (holder + 1 + round - (rounds - 1) + rounds * groups.length) % groups.length;
      const tag = `[round ${round + 1}/${rounds}]`;
      for (const group of [...groups.slice(shift), ...groups.slice(0, shift)]) await this.runProcess(group, tag, round === rounds - 1);
    }
  }

  /** The 10,000-session hold is a target of ours only, and too slow to ask of every peer. */
  private holds(server: ServerResults): boolean {
    return this.options.hold > 0 && server.spec.role === 'ours' && server.spec.era === 'legacy';
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
          await step(server, new McpTarget(pool, server.spec.path, server.spec.era), server.spec.id.padEnd(10));
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
      await running.stop();
    }
  }

  /** Proves the server answers a real `tools/call` before anything is measured. */
  private async verify(running: ServerProcess, pool: HttpPool, server: ServerResults): Promise<void> {
    const { spec } = server;
    const probe = new McpTarget(pool, spec.path, spec.era, `verify ${spec.id} ${Math.random().toString(36).slice(2)}`);
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
