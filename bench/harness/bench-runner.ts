import type { BenchOptions } from '../bench-options.js';
import { HttpPool } from '../load/http-pool.js';
import { McpTarget } from '../load/mcp-target.js';
import { SessionsPhase } from '../load/sessions.phase.js';
import { measureThroughput } from '../load/throughput.phase.js';
import type { ServerResults } from '../report/bench-results.js';
import { ServerProcess } from './server-process.js';

/**
 * Opening 10,000 sessions may take this long; past it the hold is reported as not reached. It
 * keeps a default run under five minutes while our session opening is slow.
 */
const HOLD_MAX_MS = 20_000;

/**
 * Runs the rounds, every server once per round; each round starts one server further along the
 * list, so none is always measured first or right after the same neighbour.
 */
export class BenchRunner {
  constructor(
    private readonly options: BenchOptions,
    /** Core the servers are pinned to; undefined runs them unpinned. */
    private readonly serverCpu: number | undefined,
    private readonly log: (line: string) => void,
  ) {}

  async run(results: ServerResults[]): Promise<void> {
    const { rounds } = this.options;
    for (let round = 0; round < rounds; round++) {
      const order = [...results.slice(round % results.length), ...results.slice(0, round % results.length)];
      const tag = `[round ${round + 1}/${rounds}]`;
      for (const server of order) await this.attempt(server, tag, () => this.serverRun(server, tag, round === rounds - 1));
    }
  }

  private async attempt(server: ServerResults, tag: string, run: () => Promise<void>): Promise<void> {
    if (server.failure) return;
    try {
      await run();
    } catch (error) {
      server.failure = error instanceof Error ? error.message : String(error);
      this.log(`${tag} ${server.spec.id} FAILED: ${server.failure}`);
    }
  }

  /**
   * One fresh process per server and round: session opening first (its RSS figure needs a
   * heap that no earlier load has grown), then throughput with those sessions still open and
   * idle, then, in the last round, the hold of many idle sessions (ours only).
   */
  private async serverRun(server: ServerResults, tag: string, lastRound: boolean): Promise<void> {
    const { concurrency, sessions, warmupMs, durationMs, openSessions, openMs, hold, holdMs } = this.options;
    const id = server.spec.id.padEnd(10);
    await this.withServer(server, async (running, target) => {
      const phase = target.era === 'legacy' ? new SessionsPhase(running, target, { concurrency, count: openSessions, maxMs: openMs }) : undefined;
      if (phase) {
        const sample = await phase.measure();
        server.sessions.push(sample);
        this.log(
          `${tag} ${id} ${fmt(sample.openedPerSecond)} sessions/s (${sample.opened} opened), ${mb(sample.rssPer1000)} RSS ` +
            `(V8 heap ${mb(sample.heapPer1000)}) per 1000 idle`,
        );
      }

      const sample = await measureThroughput(running, target, { concurrency, sessions, warmupMs, durationMs });
      server.throughput.push(sample);
      this.log(
        `${tag} ${id} ${fmt(sample.callsPerSecond)} calls/s, ${fmt(sample.cpuPerCallMicros)} µs CPU/call, ` +
          `p50 ${sample.p50Ms.toFixed(2)} ms, p99 ${sample.p99Ms.toFixed(2)} ms, load generator at ${Math.round(sample.clientCpuShare * 100)}% of its core` +
          (sample.errors ? `, ${sample.errors} failed calls` : ''),
      );

      // The 10,000-session hold is a target of ours only, and too slow to ask of every peer.
      if (phase && lastRound && hold > 0 && server.spec.role === 'ours') {
        server.hold = await phase.hold(hold, holdMs, HOLD_MAX_MS);
        const { held, probeErrors, probes, rssAtHold, rssAfterHold } = server.hold;
        this.log(`${tag} ${id} held ${fmt(held)} idle sessions, ${probeErrors}/${probes} probe calls failed, RSS ${mb(rssAtHold)} → ${mb(rssAfterHold)}`);
      }
    });
  }

  /** Starts the server, proves it answers a real `tools/call`, runs `body`, always stops it. */
  private async withServer(server: ServerResults, body: (running: ServerProcess, target: McpTarget) => Promise<void>): Promise<void> {
    const { spec } = server;
    const running = await ServerProcess.start(spec, this.serverCpu);
    const pool = new HttpPool(running.origin, this.options.concurrency);
    try {
      const probe = new McpTarget(pool, spec.path, spec.era, `verify ${spec.id} ${Math.random().toString(36).slice(2)}`);
      try {
        await probe.callEcho(spec.era === 'legacy' ? await probe.openSession() : undefined);
      } catch (error) {
        throw running.fail(`failed the correctness check (a real tools/call of echo): ${error instanceof Error ? error.message : String(error)}`);
      }
      server.coldStartMs.push(performance.now() - running.spawnedAt);
      await body(running, new McpTarget(pool, spec.path, spec.era));
    } finally {
      await pool.close();
      await running.stop();
    }
  }
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
