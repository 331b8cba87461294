import type { AdminToolCall } from './admin-tool-call.js';

/** Latency of one tool over the calls the page holds. */
export interface ToolLatency {
  tool: string;
  calls: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** Per-tool latency percentiles (nearest rank), slowest p95 first. */
export function latencyByTool(calls: readonly AdminToolCall[]): ToolLatency[] {
  const byTool = new Map<string, { durations: number[]; errors: number }>();
  for (const call of calls) {
    let entry = byTool.get(call.tool);
    if (!entry) byTool.set(call.tool, (entry = { durations: [], errors: 0 }));
    entry.durations.push(call.durationMs);
    if (call.outcome !== 'ok') entry.errors++;
  }
  return [...byTool]
    .map(([tool, { durations, errors }]) => {
      durations.sort((a, b) => a - b);
      return { tool, calls: durations.length, errors, p50Ms: percentile(durations, 0.5), p95Ms: percentile(durations, 0.95), maxMs: durations.at(-1)! };
    })
    .sort((a, b) => b.p95Ms - a.p95Ms || a.tool.localeCompare(b.tool));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}
