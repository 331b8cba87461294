import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventStore } from '@modelcontextprotocol/server';
import type { McpSessionStore, McpStoredSession } from '../../sessions/mcp-session-store.js';
import { McpDatabase } from '../database/mcp-database.js';
import { ColumnCipher } from '../encryption/column-cipher.js';
import { McpSessionEntity } from '../entities/mcp-session.entity.js';
import { MCP_PERSISTENCE_OPTIONS, type ResolvedPersistenceOptions } from '../mcp-persistence.module-definition.js';
import { McpEventRecorder } from '../recording/mcp-event.recorder.js';
import { insertRows } from '../writer/bulk-insert.js';
import { TypeOrmEventStore } from './typeorm-event.store.js';
import { withTimeout } from './with-timeout.js';

const CLIENT_CLOSE_REASON = 'closed by client';
/** How long a DELETE waits for the database before it is answered anyway (the queued update follows). */
const CLOSE_WRITE_TIMEOUT_MS = 2_000;
/** Ids this process ended, forgotten in bulk past this size: the database row answers for them then. */
const CLOSED_IDS_LIMIT = 50_000;

/** Lets the core resume, after a restart, a legacy session still open and not idle too long in the database. */
@Injectable()
export class TypeOrmSessionStore implements McpSessionStore {
  private readonly logger = new Logger('McpSessionStore');
  /** Sessions this process ended: never resumed here, even before their row says so. */
  private readonly closedIds = new Set<string>();

  constructor(
    private readonly database: McpDatabase,
    private readonly recorder: McpEventRecorder,
    private readonly cipher: ColumnCipher,
    @Inject(MCP_PERSISTENCE_OPTIONS) private readonly options: ResolvedPersistenceOptions,
  ) {}

  async load(sessionId: string): Promise<McpStoredSession | undefined> {
    if (this.closedIds.has(sessionId)) return undefined;
    const session = await this.database.dataSource.getRepository(McpSessionEntity).findOneBy({ id: sessionId });
    if (!session || session.closedAt || !session.protocolVersion || !session.clientInfo) return undefined;
    if (session.lastSeenAt.getTime() < Date.now() - this.options.sessionTtlMs) return undefined;
    this.recorder.resumed(sessionId, session.logLevel);
    return {
      protocolVersion: session.protocolVersion,
      clientInfo: session.clientInfo,
      clientCapabilities: session.clientCapabilities ?? {},
      logLevel: session.logLevel ?? undefined,
      principalId: session.principalId ?? undefined,
    };
  }

  /**
   * Writes `closed_at` now, not through the batch writer: another process must not resume the
   * session once its DELETE is answered. The row may not exist yet (its insert still queued),
   * so this inserts it closed; the queued insert then only completes it.
   */
  async closed(sessionId: string): Promise<void> {
    if (this.closedIds.size >= CLOSED_IDS_LIMIT) this.closedIds.clear();
    this.closedIds.add(sessionId);
    const now = new Date();
    const row: McpSessionEntity = {
      id: sessionId,
      transport: 'streamable-http',
      protocolVersion: null,
      clientInfo: null,
      clientCapabilities: null,
      logLevel: null,
      principalId: null,
      createdAt: now,
      lastSeenAt: now,
      closedAt: now,
      closeReason: CLIENT_CLOSE_REASON,
      sanitized: false,
    };
    try {
      await withTimeout(
        this.database.dataSource.transaction((manager) => insertRows(manager, McpSessionEntity, [row], { key: 'id', fill: ['closed_at', 'close_reason'] })),
        CLOSE_WRITE_TIMEOUT_MS,
      );
    } catch (error) {
      // The recorder's queued update still closes it; until then other processes could resume it.
      this.logger.warn(`Session ${sessionId} not yet marked closed in the database: ${(error as Error).message}`);
    }
  }

  seen(sessionId: string): void {
    this.recorder.touch(sessionId);
  }

  eventStore(sessionId: string): EventStore | undefined {
    return this.options.eventStore ? new TypeOrmEventStore(this.database.dataSource, sessionId, this.cipher) : undefined;
  }
}
