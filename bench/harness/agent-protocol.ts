/** Messages between the harness and `servers/server-agent.ts` inside each server process. */
export interface AgentRequest {
  type: 'stats';
  seq: number;
  /** Run a full garbage collection first (for memory readings). */
  gc: boolean;
}

export interface AgentReply {
  type: 'stats';
  seq: number;
  /** User + system CPU time of the whole process since it started, in microseconds. */
  cpuMicros: number;
  /** Resident set size in bytes. */
  rss: number;
  /** V8 heap in use plus memory held outside it by JS objects (buffers), bytes. */
  heap: number;
}
