import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { McpHealthRoutes } from './health/health.routes.js';
import { McpReadiness } from './health/mcp-readiness.js';
import { McpRequestLog } from './logging/mcp-request-log.js';
import { McpMetricsRecorder } from './metrics/mcp-metrics.recorder.js';
import { MCP_METRICS, metricsProvider } from './metrics/mcp-metrics.provider.js';
import { McpMetricsRoute } from './metrics/metrics.route.js';
import { MCP_OBSERVABILITY_MODULE_OPTIONS, McpObservabilityConfigurableModule } from './mcp-observability.module-definition.js';
import { MCP_OBSERVABILITY_OPTIONS, resolveObservabilityOptions } from './mcp-observability.options.js';
import { McpRequestObservation } from './mcp-request-observation.js';
import { McpRequestSpans } from './tracing/mcp-request-spans.js';

/**
 * Metrics (Prometheus, via `prom-client`), traces (`@opentelemetry/api`), health probes
 * (`@nestjs/terminus`) and request logs for the MCP server of `McpModule`. Import it next to
 * `McpModule.forRoot()`; each part is on only when its option is given:
 *
 * ```ts
 * McpObservabilityModule.forRoot({ metrics: { path: '/metrics' }, health: true, tracing: true })
 * ```
 *
 * It watches requests through the core's `McpRequestObservers` seam and the typed `McpEvents`;
 * with none of the parts on it adds nothing to a call.
 *
 * @publicApi
 */
@Module({
  imports: [TerminusModule],
  providers: [
    { provide: MCP_OBSERVABILITY_OPTIONS, useFactory: resolveObservabilityOptions, inject: [MCP_OBSERVABILITY_MODULE_OPTIONS] },
    metricsProvider,
    McpMetricsRecorder,
    McpMetricsRoute,
    McpRequestSpans,
    McpRequestLog,
    McpRequestObservation,
    McpReadiness,
    McpHealthRoutes,
  ],
  exports: [MCP_METRICS],
})
export class McpObservabilityModule extends McpObservabilityConfigurableModule {}
