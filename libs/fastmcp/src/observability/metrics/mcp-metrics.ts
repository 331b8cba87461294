import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const OPERATION_LABELS = ['mcp_method_name', 'gen_ai_tool_name', 'gen_ai_prompt_name', 'mcp_resource_template', 'error_type'] as const;
export type McpOperationLabels = Partial<Record<(typeof OPERATION_LABELS)[number], string>>;

/**
 * Outcomes of `mcp_tool_calls_total`: the `tool.called` outcomes, with time-outs apart from other errors.
 *
 * @publicApi
 */
export type McpToolCallOutcomeLabel = 'ok' | 'error' | 'denied' | 'cancelled' | 'timeout';

/**
 * The Prometheus instruments, in one registry. Names follow the OpenTelemetry MCP semantic
 * conventions where they define one (`mcp.server.operation.duration` →
 * `mcp_server_operation_duration_seconds`); the rest are this library's (`mcp_*`). Gauges that
 * mirror state elsewhere read it at scrape time (`collect`), so serving pays nothing for them.
 * Injectable as `MCP_METRICS`; `registry` is what `/metrics` serves.
 *
 * @publicApi
 */
export class McpMetrics {
  readonly operationDuration: Histogram<(typeof OPERATION_LABELS)[number]>;
  readonly sessionDuration: Histogram<'mcp_protocol_version'>;
  /** `mcp_tool_calls_total`, counted here per call and handed to prom-client when Prometheus scrapes. */
  private readonly toolCallCounts = new Map<string, { tool: string; outcome: McpToolCallOutcomeLabel; count: number }>();
  readonly accessDenied: Counter<'mcp_method_name'>;
  readonly rateLimited: Counter<'tool'>;
  readonly notificationsSent: Counter<'method'>;

  constructor(
    readonly registry: Registry,
    buckets: number[],
  ) {
    const registers = [registry];
    this.operationDuration = new Histogram({
      name: 'mcp_server_operation_duration_seconds',
      help: 'MCP request duration as observed on the server, from receipt until the result or error is ready (OpenTelemetry mcp.server.operation.duration)',
      labelNames: OPERATION_LABELS,
      buckets,
      registers,
    });
    this.sessionDuration = new Histogram({
      name: 'mcp_server_session_duration_seconds',
      help: 'Duration of closed 2025-era MCP sessions (OpenTelemetry mcp.server.session.duration)',
      labelNames: ['mcp_protocol_version'],
      buckets,
      registers,
    });
    const toolCallCounts = this.toolCallCounts;
    new Counter({
      name: 'mcp_tool_calls_total',
      help: 'Tool calls by tool and outcome (ok, error, denied, cancelled, timeout); an isError result is an error',
      labelNames: ['tool', 'outcome'],
      registers,
      collect() {
        this.reset();
        for (const { tool, outcome, count } of toolCallCounts.values()) this.inc({ tool, outcome }, count);
      },
    });
    this.accessDenied = new Counter({
      name: 'mcp_access_denied_total',
      help: 'Requests other than tools/call refused by the access policy, a guard or a missing scope',
      labelNames: ['mcp_method_name'],
      registers,
    });
    this.notificationsSent = new Counter({
      name: 'mcp_notifications_sent_total',
      help: 'Notifications sent to clients, by method (progress, message, list_changed, resources/updated, …)',
      labelNames: ['method'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'mcp_rate_limited_total',
      help: 'Tool calls refused by McpThrottlerGuard',
      labelNames: ['tool'],
      registers,
    });
  }

  /**
   * One tool call. Counted in a map rather than by prom-client's `inc()`, which validates and
   * hashes its labels on every call: the count is on the path of every call, the scrape is not.
   */
  countToolCall(tool: string, outcome: McpToolCallOutcomeLabel): void {
    const key = `${outcome}\u0000${tool}`;
    const entry = this.toolCallCounts.get(key);
    if (entry) entry.count++;
    else this.toolCallCounts.set(key, { tool, outcome, count: 1 });
  }

  /** A gauge whose value is read when Prometheus scrapes. */
  gaugeOf(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  /** A gauge with one label whose values are read when Prometheus scrapes. */
  labeledGaugeOf<L extends string>(name: string, help: string, label: L, read: () => Record<string, number>): void {
    new Gauge<L>({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      collect() {
        for (const [value, current] of Object.entries(read())) this.set({ [label]: value } as Partial<Record<L, string>>, current);
      },
    });
  }

  /** A counter that mirrors a running total kept elsewhere, read when Prometheus scrapes. */
  counterOf(name: string, help: string, read: () => number): void {
    new Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }

  /** A counter with one label whose running totals are kept elsewhere, read when Prometheus scrapes. */
  labeledCounterOf<L extends string>(name: string, help: string, label: L, read: () => Record<string, number>): void {
    new Counter<L>({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [value, total] of Object.entries(read())) this.inc({ [label]: value } as Partial<Record<L, string>>, total);
      },
    });
  }

  /** prom-client's process metrics (CPU, memory, event loop lag, GC, handles). */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }
}
