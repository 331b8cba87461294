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

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
