import { HttpPool } from '../load/http-pool.js';
import { LatencyRecorder } from '../load/latency-recorder.js';
import { McpTarget, type McpSession } from '../load/mcp-target.js';
import type { BenchEra } from '../load/mcp-wire.js';
import { openSessions } from '../load/open-sessions.js';

export interface LoadOptions {
  era: BenchEra;
  concurrency: number;
  sessions: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadSample {
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/**
 * Closed-loop `echo` calls against one URL (an instance, or the load balancer in front of
 * several): each caller sends its next call when the previous one is answered.
 */
export async function closedLoop(url: URL, options: LoadOptions): Promise<LoadSample> {
  const pool = new HttpPool(url.origin, options.concurrency);
  const target = new McpTarget(pool, url.pathname, options.era);
  try {
    const sessions: McpSession[] = options.era === 'legacy' ? await openSessions(target, options.sessions, options.concurrency) : [];
    const latencies = new LatencyRecorder();
    let state: 'warmup' | 'measure' | 'stop' = 'warmup';
    let errors = 0;
    const caller = async (index: number) => {
      const session = sessions[index % Math.max(sessions.length, 1)];
      while (state !== 'stop') {
        const started = performance.now();
        try {
          await target.callEcho(session);
        } catch {
          errors++;
          continue;
        }
        if (state === 'measure') latencies.record(performance.now() - started);
      }
    };
    const callers = Array.from({ length: options.concurrency }, (_, index) => caller(index));
    await new Promise((resolve) => setTimeout(resolve, options.warmupMs));
    state = 'measure';
    const openedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, options.durationMs));
    const elapsedMs = performance.now() - openedAt;
    const calls = latencies.count;
    state = 'stop';
    await Promise.all(callers);
    const [p50Ms, p99Ms] = latencies.percentiles(50, 99);
    return { callsPerSecond: (calls * 1000) / elapsedMs, p50Ms: p50Ms!, p99Ms: p99Ms!, errors };
  } finally {
    await pool.close();
  }
}

/**
 * p50 of one session's calls, one at a time, sent to the instance that opened it and to another
 * one, alternately: what serving a session held elsewhere adds to a call.
 */
export async function elsewhereCost(opener: URL, other: URL, calls: number): Promise<{ homeP50Ms: number; elsewhereP50Ms: number }> {
  const home = new HttpPool(opener.origin, 1);
  const away = new HttpPool(other.origin, 1);
  try {
    const homeTarget = new McpTarget(home, opener.pathname, 'legacy');
    const awayTarget = new McpTarget(away, other.pathname, 'legacy');
    const session = await homeTarget.openSession();
    // The other instance's first request of the session rebuilds it: warm both up first.
    for (let i = 0; i < 50; i++) {
      await homeTarget.callEcho(session);
      await awayTarget.callEcho(session);
    }
    const homeLatency = new LatencyRecorder();
    const awayLatency = new LatencyRecorder();
    for (let i = 0; i < calls; i++) {
      let started = performance.now();
      await homeTarget.callEcho(session);
      homeLatency.record(performance.now() - started);
      started = performance.now();
      await awayTarget.callEcho(session);
      awayLatency.record(performance.now() - started);
    }
    return { homeP50Ms: homeLatency.percentiles(50)[0]!, elsewhereP50Ms: awayLatency.percentiles(50)[0]! };
  } finally {
    await Promise.all([home.close(), away.close()]);
  }
}
