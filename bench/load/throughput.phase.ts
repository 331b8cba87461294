import type { ServerProcess } from '../harness/server-process.js';
import { LatencyRecorder } from './latency-recorder.js';
import type { McpTarget } from './mcp-target.js';
import { openSessions } from './open-sessions.js';

export interface ThroughputOptions {
  concurrency: number;
  /** Sessions the callers share (2025 era only). */
  sessions: number;
  warmupMs: number;
  durationMs: number;
}

export interface ThroughputSample {
  callsPerSecond: number;
  cpuPerCallMicros: number;
  p50Ms: number;
  p99Ms: number;
  calls: number;
  errors: number;
  /** Share of one core the load generator itself used during the window (near 1: client-bound). */
  clientCpuShare: number;
}

/** Beyond this many failed calls the run stops: the server is broken, not slow. */
const MAX_ERRORS = 50;

/**
 * Closed-loop load: `concurrency` callers each send a `tools/call` as soon as their previous one
 * is answered. The window opens after the warm-up and is bounded by two CPU readings taken by
 * the server itself, so calls, CPU time and elapsed time all cover the same span.
 */
export async function measureThroughput(server: ServerProcess, target: McpTarget, options: ThroughputOptions): Promise<ThroughputSample> {
  const sessions = target.era === 'legacy' ? await openSessions(target, options.sessions, options.concurrency) : [];
  const latencies = new LatencyRecorder();
  let state: 'warmup' | 'measure' | 'stop' = 'warmup';
  let errors = 0;
  let firstError: unknown;
  let abort!: () => void;
  const aborted = new Promise<void>((resolve) => (abort = resolve));

  const caller = async (index: number) => {
    const session = sessions.length > 0 ? sessions[index % sessions.length] : undefined;
    while (state !== 'stop') {
      const started = performance.now();
      try {
        await target.callEcho(session);
      } catch (error) {
        firstError ??= error;
        if (++errors > MAX_ERRORS) {
          state = 'stop';
          abort();
        }
        continue;
      }
      if (state === 'measure') latencies.record(performance.now() - started);
    }
  };
  const pause = (ms: number) => Promise.race([new Promise((resolve) => setTimeout(resolve, ms)), aborted]);

  const callers = Array.from({ length: options.concurrency }, (_, index) => caller(index));
  await pause(options.warmupMs);
  const before = await server.stats();
  const clientBefore = process.cpuUsage();
  const openedAt = performance.now();
  if (state === 'warmup') state = 'measure';
  await pause(options.durationMs);
  const after = await server.stats();
  const elapsedMs = performance.now() - openedAt;
  const calls = latencies.count;
  const clientCpu = process.cpuUsage(clientBefore);
  state = 'stop';
  await Promise.all(callers);

  if (errors > MAX_ERRORS) throw server.fail(`more than ${MAX_ERRORS} failed calls; the first: ${String(firstError)}`);
  const [p50Ms, p99Ms] = latencies.percentiles(50, 99);
  return {
    callsPerSecond: (calls * 1000) / elapsedMs,
    cpuPerCallMicros: (after.cpuMicros - before.cpuMicros) / calls,
    p50Ms: p50Ms!,
    p99Ms: p99Ms!,
    calls,
    errors,
    clientCpuShare: (clientCpu.user + clientCpu.system) / 1000 / elapsedMs,
  };
}
