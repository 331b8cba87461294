/**
 * Preloaded into every benchmarked server with `node --import`, so that each one, ours or a
 * peer, is measured the same way without touching its code: the harness asks over the IPC
 * channel and gets the process's own CPU time (`process.cpuUsage()`, all threads, µs) and RSS,
 * after a full GC when asked (the server runs with `--expose-gc`).
 */
import type { AgentReply, AgentRequest } from '../harness/agent-protocol.js';

const collect = (globalThis as { gc?: () => void }).gc;

process.on('message', (request: AgentRequest) => {
  if (request?.type !== 'stats') return;
  if (request.gc && collect) {
    // Twice: the first pass finalises what the second one frees.
    collect();
    collect();
  }
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const reply: AgentReply = { type: 'stats', seq: request.seq, cpuMicros: cpu.user + cpu.system, rss: memory.rss, heap: memory.heapUsed + memory.external };
  process.send?.(reply);
});

// A harness that dies (Ctrl-C, crash) must not leave servers pinned to a core.
process.on('disconnect', () => process.exit(0));
// An exit, not a signal death, so that `--cpu-prof` (BENCH_SERVER_NODE_ARGS) writes its profile.
process.once('SIGTERM', () => process.exit(0));
