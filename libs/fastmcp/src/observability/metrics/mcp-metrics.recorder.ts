import { Inject, Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MCP_RECORD_WRITER_STATS, type McpRecordWriterStatsSource } from '../../common/mcp-record-writer-stats.js';
import type { McpEventMap, McpStreamKind } from '../../events/mcp-event-map.js';
import { McpEvents } from '../../events/mcp-events.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { McpSessionManager } from '../../sessions/mcp-session-manager.js';
import { UNKNOWN_LABEL } from '../mcp-operation.js';
import type { McpMetrics, McpToolCallOutcomeLabel } from './mcp-metrics.js';
import { MCP_METRICS } from './mcp-metrics.provider.js';

/** `McpThrottlerGuard`'s refusal, as the client reads it in the tool's error result. */
const RATE_LIMITED = 'Rate limit exceeded';

/** Methods a refusal may name; any other is counted as `_unknown`, so the series stay bounded. */
const REFUSABLE_METHODS = new Set(['resources/read', 'resources/subscribe', 'resources/unsubscribe', 'prompts/get', 'completion/complete', 'subscriptions/listen', 'tasks/get', 'tasks/result', 'tasks/cancel', 'tasks/list']);

/** Notification methods of the protocol; any other is counted as `_unknown`, so the series stay bounded. */
const NOTIFICATION_METHODS = new Set([
  'notifications/progress',
  'notifications/message',
  'notifications/cancelled',
  'notifications/tools/list_changed',
  'notifications/resources/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/updated',
  'notifications/tasks/status',
  'notifications/elicitation/complete',
  'notifications/subscriptions/acknowledged',
]);

/**
 * Turns the library's events into counters and session durations, and exposes the state others
 * keep (open sessions, the record writer's queue) as gauges read at scrape time. Listens to
 * `McpEvents` only: the serving code is not touched.
 */
@Injectable()
export class McpMetricsRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[] = [];
  private readonly openedAt = new Map<string, { at: number; protocolVersion: string }>();
  private readonly openStreams: Record<McpStreamKind, number> = { standalone: 0, sse: 0 };

  constructor(
    @Optional() @Inject(MCP_METRICS) private readonly metrics: McpMetrics | null,
    private readonly events: McpEvents,
    private readonly registry: McpRegistry,
    private readonly sessions: McpSessionManager,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const metrics = this.metrics;
    if (!metrics) return;
    this.unsubscribe.push(
      this.events.on('tool.called', (event) => this.toolCalled(metrics, event)),
      this.events.on('access.denied', (event) => metrics.accessDenied.inc({ mcp_method_name: REFUSABLE_METHODS.has(event.method) ? event.method : UNKNOWN_LABEL })),
      this.events.on('session.opened', (event) => this.openedAt.set(event.sessionId, { at: performance.now(), protocolVersion: event.protocolVersion ?? UNKNOWN_LABEL })),
      this.events.on('session.closed', (event) => this.sessionClosed(metrics, event.sessionId)),
      this.events.on('stream.opened', (event) => this.openStreams[event.kind]++),
      this.events.on('stream.closed', (event) => this.openStreams[event.kind]--),
      this.events.on('notification.sent', (event) => metrics.notificationsSent.inc({ method: NOTIFICATION_METHODS.has(event.method) ? event.method : UNKNOWN_LABEL })),
    );
    metrics.labeledGaugeOf('mcp_open_streams', 'Open long-lived streams to clients: 2025-era standalone GET streams (standalone) and legacy HTTP+SSE connections (sse)', 'kind', () => ({ ...this.openStreams }));
    metrics.gaugeOf('mcp_active_sessions', 'Open 2025-era sessions (Streamable HTTP and SSE) held by this instance', () => this.sessions.size);
    const writer = this.recordWriter();
    if (writer) this.recordWriterMetrics(metrics, writer);
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private toolCalled(metrics: McpMetrics, event: McpEventMap['tool.called']): void {
    const tool = this.registry.tools.get(event.tool) ? event.tool : UNKNOWN_LABEL;
    let outcome: McpToolCallOutcomeLabel = event.outcome;
    if (outcome === 'error' && event.error !== undefined) {
      if (event.error.startsWith(`Tool ${event.tool} timed out after `)) outcome = 'timeout';
      else if (event.error.startsWith(RATE_LIMITED)) metrics.rateLimited.inc({ tool });
    }
    metrics.countToolCall(tool, outcome);
  }

  private sessionClosed(metrics: McpMetrics, sessionId: string): void {
    const opened = this.openedAt.get(sessionId);
    if (!opened) return;
    this.openedAt.delete(sessionId);
    metrics.sessionDuration.observe({ mcp_protocol_version: opened.protocolVersion }, (performance.now() - opened.at) / 1000);
  }

  /** The persistence module's writer, when the app has one. */
  private recordWriter(): McpRecordWriterStatsSource | undefined {
    try {
      return this.moduleRef.get<McpRecordWriterStatsSource>(MCP_RECORD_WRITER_STATS, { strict: false });
    } catch {
      return undefined;
    }
  }

  private recordWriterMetrics(metrics: McpMetrics, writer: McpRecordWriterStatsSource): void {
    metrics.gaugeOf('mcp_record_writer_queue_depth', 'Audit and session rows waiting to be written', () => writer.stats().queued);
    metrics.gaugeOf('mcp_record_writer_healthy', '1 while the last database write succeeded, 0 from a failed write until the next success', () => (writer.stats().healthy ? 1 : 0));
    metrics.counterOf('mcp_record_writer_written_total', 'Rows written to the database', () => writer.stats().written);
    metrics.counterOf('mcp_record_writer_retries_total', 'Failed batch writes that were retried', () => writer.stats().retries);
    metrics.labeledCounterOf('mcp_record_writer_dropped_total', 'Rows given up: queue full (overflow), refused by the database (rejected), unwritten at shutdown', 'reason', () => {
      const { overflow, rejected, shutdown } = writer.stats().dropped;
      return { overflow, rejected, shutdown };
    });
    metrics.counterOf('mcp_record_writer_salvaged_total', 'Rows the database refused, written again in a salvaged form', () => writer.stats().salvaged);
    metrics.counterOf('mcp_record_writer_spilled_total', 'Rows moved to the spill file while the database was down or behind', () => writer.stats().spill?.appended ?? 0);
    metrics.counterOf('mcp_record_writer_replayed_total', 'Rows written from the spill file to the database', () => writer.stats().spill?.replayed ?? 0);
    metrics.gaugeOf('mcp_record_writer_spill_pending_bytes', 'Bytes of the spill file not yet written back to the database', () => writer.stats().spill?.pendingBytes ?? 0);
    metrics.counterOf('mcp_database_errors_total', 'Failed database writes of the record writer (retried or rejected)', () => {
      const stats = writer.stats();
      return stats.retries + stats.dropped.rejected;
    });
  }
}
