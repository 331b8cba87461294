import type { HoldSample, SessionsSample } from '../load/sessions.phase.js';
import type { ThroughputSample } from '../load/throughput.phase.js';
import type { ServerSpec } from '../harness/server-spec.js';

/** Every sample one server produced over the rounds. */
export interface ServerResults {
  spec: ServerSpec;
  /** Spawn to the first correctly answered `tools/call`, per start. */
  coldStartMs: number[];
  throughput: ThroughputSample[];
  sessions: SessionsSample[];
  /** Sessions opened per second on the warm process, per round. */
  openRates: number[];
  hold?: HoldSample;
  /** Why the server dropped out (it is not run again). */
  failure?: string;
  /**
   * Warnings and errors our server (a build of ours) printed, once each: a fast path that turned
   * itself off, say, explains figures that the table alone would not.
   */
  warnings?: string[];
}

export interface BenchMachine {
  node: string;
  cpuModel: string;
  cpus: number;
  /** Which cores the client and the servers ran on, or why nothing is pinned. */
  pinning: string;
  /** Share of the machine's CPU that other processes used during the run (Linux only). */
  othersCpuShare?: number;
}

/** Which builds of our server ran, and the flags every server got on top of its own. */
export interface BenchBuilds {
  /** This checkout's revision (`git rev-parse --short HEAD`, `+uncommitted` when tracked files changed). */
  ours: string;
  /** The `--baseline` checkout, when there is one. */
  baseline?: { dir: string; revision: string };
  /** `BENCH_SERVER_NODE_ARGS`, given to every server. */
  extraNodeArgs: string[];
  /** Checkouts whose build was replaced while the bench ran (see `build-stamp.ts`). */
  changedDuringRun: string[];
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
