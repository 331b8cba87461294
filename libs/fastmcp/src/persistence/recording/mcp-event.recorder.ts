import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { McpLogLevel } from '../../interfaces/mcp-context.interface.js';
import type { McpCallerInfo, McpEventMap } from '../../events/mcp-event-map.js';
import { McpEvents } from '../../events/mcp-events.js';
import { principalId } from '../../common/principal.js';
import { ArgumentRedactor } from '../audit/argument-redactor.js';
import type { McpCallerColumns } from '../entities/caller-columns.js';
import { MCP_PERSISTENCE_OPTIONS, type ResolvedPersistenceOptions } from '../mcp-persistence.module-definition.js';
import { McpRecordWriter } from '../writer/mcp-record.writer.js';
import { passesLogThresholds } from './log-threshold.js';
import { recordId } from './record-id.js';

/**
 * The reason `McpSessionManager` gives sessions it closes because the server stops. Such a
 * session did not end: it stays open in the database, to be resumed after the restart.
 */
const SERVER_SHUTDOWN_REASON = 'shutdown';

/**
 * Turns `McpEvents` into rows: sessions as they open, change level and close, one audit row
 * per tool call, and the handler logs that pass the session's level. Listeners only queue.
 */
@Injectable()
export class McpEventRecorder implements OnModuleInit, OnApplicationShutdown {
  /** The level each live session asked for: its log rows honour it, as its notifications do. */
  private readonly levels = new Map<string, McpLogLevel>();
  private readonly lastTouched = new Map<string, number>();
  private readonly touchIntervalMs: number;
  private unsubscribers: Array<() => void> = [];

  constructor(
    private readonly events: McpEvents,
    private readonly writer: McpRecordWriter,
    private readonly redactor: ArgumentRedactor,
    @Inject(MCP_PERSISTENCE_OPTIONS) private readonly options: ResolvedPersistenceOptions,
  ) {
    // `last_seen_at` only needs to be accurate to a fraction of the resumption window.
    this.touchIntervalMs = Math.min(Math.max(options.sessionTtlMs / 10, 1_000), 60_000);
  }

  onModuleInit(): void {
    this.unsubscribers = [
      this.events.on('session.opened', (event) => this.sessionOpened(event)),
      this.events.on('session.logLevel', ({ sessionId, level }) => this.levelChanged(sessionId, level)),
      this.events.on('session.closed', (event) => this.sessionClosed(event)),
      this.events.on('tool.called', (event) => this.toolCalled(event)),
      this.events.on('access.denied', (event) => this.accessDenied(event)),
      this.events.on('log.emitted', (event) => this.logEmitted(event)),
    ];
  }

  onApplicationShutdown(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  /** A session came back after a restart (see `TypeOrmSessionStore.load`). */
  resumed(sessionId: string, level: McpLogLevel | null): void {
    if (level) this.levels.set(sessionId, level);
    this.touch(sessionId);
  }

  /** Marks a live session seen, writing `last_seen_at` at most once per interval. */
  touch(sessionId: string, now = Date.now()): void {
    if (now - (this.lastTouched.get(sessionId) ?? 0) < this.touchIntervalMs) return;
    this.lastTouched.set(sessionId, now);
    this.writer.record({ kind: 'session-update', sessionId, changes: { lastSeenAt: new Date(now) } });
  }

  private sessionOpened(event: McpEventMap['session.opened']): void {
    const now = new Date();
    this.lastTouched.set(event.sessionId, now.getTime());
    this.writer.record({
      kind: 'session',
      row: {
        id: event.sessionId,
        transport: event.transport,
        protocolVersion: event.protocolVersion ?? null,
        clientInfo: event.clientInfo ?? null,
        clientCapabilities: event.clientCapabilities ?? null,
        logLevel: this.levels.get(event.sessionId) ?? null,
        principalId: principalId(event.user) ?? null,
        createdAt: now,
        lastSeenAt: now,
        closedAt: null,
        closeReason: null,
        sanitized: false,
      },
    });
  }

  private levelChanged(sessionId: string, level: McpLogLevel): void {
    this.levels.set(sessionId, level);
    this.writer.record({ kind: 'session-update', sessionId, changes: { logLevel: level } });
  }

  private sessionClosed({ sessionId, reason }: McpEventMap['session.closed']): void {
    this.levels.delete(sessionId);
    this.lastTouched.delete(sessionId);
    if (reason === SERVER_SHUTDOWN_REASON) return;
    this.writer.record({ kind: 'session-update', sessionId, changes: { closedAt: new Date(), closeReason: reason } });
  }

  private toolCalled(event: McpEventMap['tool.called']): void {
    if (event.sessionId) this.touch(event.sessionId);
    this.writer.record({
      kind: 'tool-call',
      row: {
        id: recordId(),
        ...callerColumns(event),
        requestId: String(event.requestId),
        method: 'tools/call',
        tool: event.tool,
        arguments: this.redactor.redact(event.arguments),
        outcome: event.outcome,
        error: event.error ?? null,
        reason: event.reason ?? null,
        durationMs: Math.round(event.durationMs * 1000) / 1000,
        // When the call started: its logs then sort after it.
        createdAt: new Date(Date.now() - event.durationMs),
        sanitized: false,
      },
    });
  }

  private accessDenied(event: McpEventMap['access.denied']): void {
    if (event.sessionId) this.touch(event.sessionId);
    this.writer.record({
      kind: 'tool-call',
      row: {
        id: recordId(),
        ...callerColumns(event),
        requestId: String(event.requestId),
        method: event.method,
        tool: event.target,
        arguments: this.redactor.redact(event.arguments),
        outcome: 'denied',
        error: event.error,
        reason: event.reason,
        durationMs: 0,
        createdAt: new Date(),
        sanitized: false,
      },
    });
  }

  private logEmitted(event: McpEventMap['log.emitted']): void {
    const sessionLevel = event.sessionId ? this.levels.get(event.sessionId) : undefined;
    if (!passesLogThresholds(event.level, this.options.minLogLevel, sessionLevel)) return;
    this.writer.record({
      kind: 'log',
      row: {
        id: recordId(),
        ...callerColumns(event),
        level: event.level,
        logger: event.logger,
        message: event.message,
        // Log data is as free-form as tool arguments, and as likely to carry a secret.
        data: event.data === undefined ? null : this.redactor.redact(event.data),
        createdAt: new Date(),
        sanitized: false,
      },
    });
  }
}

function callerColumns(event: McpCallerInfo): McpCallerColumns {
  return {
    sessionId: event.sessionId ?? null,
    principalId: principalId(event.user) ?? null,
    clientInfo: event.clientInfo ?? null,
    protocolVersion: event.protocolVersion ?? null,
    era: event.era,
    transport: event.transport,
  };
}
