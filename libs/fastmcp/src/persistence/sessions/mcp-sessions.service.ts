import { Injectable } from '@nestjs/common';
import { IsNull, MoreThanOrEqual, Not, type FindOptionsWhere } from 'typeorm';
import type { McpCallOutcome } from '../../events/mcp-event-map.js';
import type { McpLogLevel } from '../../interfaces/mcp-context.interface.js';
import { McpSessionManager } from '../../sessions/mcp-session-manager.js';
import { McpDatabase } from '../database/mcp-database.js';
import { ColumnCipher } from '../encryption/column-cipher.js';
import { McpLogEntity } from '../entities/mcp-log.entity.js';
import { McpSessionEntity } from '../entities/mcp-session.entity.js';
import { McpToolCallEntity } from '../entities/mcp-tool-call.entity.js';

interface Page {
  /** Default 100. */
  limit?: number;
  offset?: number;
}

/** @publicApi */
export interface McpSessionQuery extends Page {
  /** Only open (true) or only closed (false) sessions. */
  open?: boolean;
  principalId?: string;
}

/** @publicApi */
export interface McpRecordQuery extends Page {
  /** A session id, or `null` for the rows of sessionless (2026-07-28, stateless) requests. */
  sessionId?: string | null;
  principalId?: string;
  since?: Date;
}

/** @publicApi */
export interface McpLogQuery extends McpRecordQuery {
  level?: McpLogLevel;
}

/** @publicApi */
export interface McpToolCallQuery extends McpRecordQuery {
  tool?: string;
  outcome?: McpCallOutcome;
}

/**
 * What the server did, for an admin API or a dashboard: sessions, their logs and tool calls
 * (oldest first), and ending a session. Rows reach the tables within the writer's flush
 * interval; `McpRecordWriter.flush()` waits for them. Encrypted payloads come back decrypted;
 * one under a key not configured reads as an `McpUndecryptableValue`.
 *
 * @publicApi
 */
@Injectable()
export class McpSessionsService {
  constructor(
    private readonly database: McpDatabase,
    private readonly sessions: McpSessionManager,
    private readonly cipher: ColumnCipher,
  ) {}

  /** Most recently seen first (closed ones: most recently closed first). */
  listSessions(query: McpSessionQuery = {}): Promise<McpSessionEntity[]> {
    const where: FindOptionsWhere<McpSessionEntity> = {};
    if (query.principalId !== undefined) where.principalId = query.principalId;
    if (query.open !== undefined) where.closedAt = query.open ? IsNull() : Not(IsNull());
    return this.database.dataSource.getRepository(McpSessionEntity).find({
      where,
      order: query.open === false ? { closedAt: 'DESC' } : { lastSeenAt: 'DESC' },
      take: query.limit ?? 100,
      skip: query.offset ?? 0,
    });
  }

  getSession(id: string): Promise<McpSessionEntity | null> {
    return this.database.dataSource.getRepository(McpSessionEntity).findOneBy({ id });
  }

  async logs(query: McpLogQuery = {}): Promise<McpLogEntity[]> {
    const where = recordWhere<McpLogEntity>(query);
    if (query.level !== undefined) where.level = query.level;
    const rows = await this.database.dataSource
      .getRepository(McpLogEntity)
      .find({ where, order: { createdAt: 'ASC', id: 'ASC' }, take: query.limit ?? 100, skip: query.offset ?? 0 });
    return rows.map((row) => this.cipher.openColumn(row, 'data'));
  }

  async toolCalls(query: McpToolCallQuery = {}): Promise<McpToolCallEntity[]> {
    const where = recordWhere<McpToolCallEntity>(query);
    if (query.tool !== undefined) where.tool = query.tool;
    if (query.outcome !== undefined) where.outcome = query.outcome;
    const rows = await this.database.dataSource
      .getRepository(McpToolCallEntity)
      .find({ where, order: { createdAt: 'ASC', id: 'ASC' }, take: query.limit ?? 100, skip: query.offset ?? 0 });
    return rows.map((row) => this.cipher.openColumn(row, 'arguments'));
  }

  sessionLogs(sessionId: string, page: Page & { level?: McpLogLevel } = {}): Promise<McpLogEntity[]> {
    return this.logs({ ...page, sessionId });
  }

  sessionToolCalls(sessionId: string, page: Page = {}): Promise<McpToolCallEntity[]> {
    return this.toolCalls({ ...page, sessionId });
  }

  /**
   * Ends a session: closes it if this process holds it, and marks it closed in the database
   * so no process resumes it. Its client gets 404 next time. Returns whether it was open.
   */
  async terminate(sessionId: string, reason = 'terminated by operator'): Promise<boolean> {
    await this.sessions.close(sessionId, reason);
    const { affected } = await this.database.dataSource
      .getRepository(McpSessionEntity)
      .update({ id: sessionId, closedAt: IsNull() }, { closedAt: new Date(), closeReason: reason });
    return (affected ?? 0) > 0;
  }
}

function recordWhere<E extends { sessionId: string | null; principalId: string | null; createdAt: Date }>(query: McpRecordQuery): FindOptionsWhere<E> {
  const where: FindOptionsWhere<{ sessionId: string | null; principalId: string | null; createdAt: Date }> = {};
  if (query.sessionId !== undefined) where.sessionId = query.sessionId === null ? IsNull() : query.sessionId;
  if (query.principalId !== undefined) where.principalId = query.principalId;
  if (query.since !== undefined) where.createdAt = MoreThanOrEqual(query.since);
  return where as FindOptionsWhere<E>;
}
