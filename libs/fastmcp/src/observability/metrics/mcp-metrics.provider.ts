import type { Provider } from '@nestjs/common';
import { Registry } from 'prom-client';
import { MCP_OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../mcp-observability.options.js';
import { McpMetrics } from './mcp-metrics.js';

/**
 * Injection token of the module's `McpMetrics`; `null` when metrics are off.
 *
 * @publicApi
 */
export const MCP_METRICS = Symbol('MCP_METRICS');

export const metricsProvider: Provider = {
  provide: MCP_METRICS,
  useFactory: ({ metrics }: ResolvedObservabilityOptions): McpMetrics | null => {
    if (!metrics) return null;
    const built = new McpMetrics(metrics.registry ?? new Registry(), metrics.buckets);
    if (metrics.defaultMetrics) built.collectProcessMetrics();
    return built;
  },
  inject: [MCP_OBSERVABILITY_OPTIONS],
};
