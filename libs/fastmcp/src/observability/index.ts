export { McpObservabilityModule } from './mcp-observability.module.js';
export type {
  McpHealthOptions,
  McpLogsOptions,
  McpMetricsOptions,
  McpObservabilityOptions,
  McpTracingOptions,
} from './interfaces/mcp-observability-options.interface.js';
export { MCP_METRICS } from './metrics/mcp-metrics.provider.js';
export { McpMetrics, type McpToolCallOutcomeLabel } from './metrics/mcp-metrics.js';
export { MCP_DURATION_BUCKETS } from './mcp-observability.options.js';
export { MCP_TRACER_NAME } from './tracing/mcp-request-spans.js';
