import type { Registry } from 'prom-client';

/** @publicApi */
export interface McpMetricsOptions {
  /** Where Prometheus scrapes; a plain route of the HTTP adapter (no global prefix, no guards). Default `/metrics`. */
  path?: string;
  /** The registry to fill; default a registry of the module's own (not prom-client's global one). */
  registry?: Registry;
  /** Whether the process metrics prom-client collects (CPU, memory, event loop, GC) are included. Default `true`. */
  defaultMetrics?: boolean;
  /** Bucket bounds in seconds of the duration histograms; default those the OpenTelemetry MCP conventions advise. */
  buckets?: number[];
}

/** @publicApi */
export interface McpTracingOptions {
  /**
   * Whether a `tools/call` span carries the call's arguments and result
   * (`gen_ai.tool.call.arguments`, `gen_ai.tool.call.result`), redacted like log data. Default
   * `false`: arguments often hold personal data.
   */
  captureArguments?: boolean;
}

/** @publicApi */
export interface McpHealthOptions {
  /** Liveness: answers while the process serves HTTP. Default `/health/live`. */
  livePath?: string;
  /** Readiness: the database is reachable (with persistence) and the app is not shutting down. Default `/health/ready`. */
  readyPath?: string;
  /** How long the database ping may take before readiness reports it down. Default 1000 ms. */
  timeoutMs?: number;
}

/** @publicApi */
export interface McpLogsOptions {
  /** One JSON line per MCP request, through Nest's `ConsoleLogger` with `json: true`. */
  json?: boolean;
}

/**
 * What `McpObservabilityModule` serves. Each part is off unless named; `true` takes its defaults.
 *
 * @publicApi
 */
export interface McpObservabilityOptions {
  metrics?: boolean | McpMetricsOptions;
  tracing?: boolean | McpTracingOptions;
  health?: boolean | McpHealthOptions;
  logs?: boolean | McpLogsOptions;
}
