import type { Registry } from 'prom-client';
import type { McpObservabilityOptions } from './interfaces/mcp-observability-options.interface.js';

export const MCP_OBSERVABILITY_OPTIONS = Symbol('MCP_OBSERVABILITY_OPTIONS');

/**
 * Bucket bounds of `mcp.server.operation.duration` and `mcp.server.session.duration` advised by
 * the OpenTelemetry MCP semantic conventions (gen-ai/mcp, "Metrics").
 *
 * @publicApi
 */
export const MCP_DURATION_BUCKETS: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

export interface ResolvedObservabilityOptions {
  metrics?: { path: string; registry?: Registry; defaultMetrics: boolean; buckets: number[] };
  tracing?: { captureArguments: boolean };
  health?: { livePath: string; readyPath: string; timeoutMs: number };
  logs?: { json: boolean };
}

const part = <T extends object>(value: boolean | T | undefined): T | undefined => (value === true ? ({} as T) : value || undefined);

export function resolveObservabilityOptions(options: McpObservabilityOptions): ResolvedObservabilityOptions {
  const metrics = part(options.metrics);
  const tracing = part(options.tracing);
  const health = part(options.health);
  const logs = part(options.logs);
  return {
    metrics: metrics && {
      path: metrics.path ?? '/metrics',
      registry: metrics.registry,
      defaultMetrics: metrics.defaultMetrics ?? true,
      buckets: metrics.buckets ?? [...MCP_DURATION_BUCKETS],
    },
    tracing: tracing && { captureArguments: tracing.captureArguments ?? false },
    health: health && { livePath: health.livePath ?? '/health/live', readyPath: health.readyPath ?? '/health/ready', timeoutMs: health.timeoutMs ?? 1000 },
    logs: logs && { json: logs.json ?? true },
  };
}
