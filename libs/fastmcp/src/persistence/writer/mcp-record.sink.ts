import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { McpDatabase } from '../database/mcp-database.js';
import type { ColumnCipher } from '../encryption/column-cipher.js';
import { McpLogEntity } from '../entities/mcp-log.entity.js';
import { McpSessionEntity } from '../entities/mcp-session.entity.js';
import { McpToolCallEntity } from '../entities/mcp-tool-call.entity.js';
import type { BatchSink } from './batch-writer.js';
import { insertRows, type ConflictRule } from './bulk-insert.js';
import type { McpRecord, McpSessionChanges } from './mcp-record.js';
import { RowSanitizer } from './row-sanitizer.js';

/**
 * A session row that exists takes the handshake from a later one: a row made for a record that
 * arrived first (a client may call tools before `notifications/initialized`) gets completed.
 */
const SESSION_CONFLICT: ConflictRule = { key: 'id', fill: ['protocol_version', 'client_info', 'client_capabilities'] };

/** Session ids known to have a row; forgotten in bulk past this size (the cost is one redundant insert). */
const KNOWN_SESSIONS_LIMIT = 100_000;

/**
 * Writes one batch in one transaction: session rows first, then logs and audit rows in bulk,
 * then session changes, merged per session. Every row is made storable first (`RowSanitizer`),
 * then its payload is encrypted when encryption is on: here, off the request path, and after
 * sanitizing, so the `sanitized` flag describes the plaintext.
 * A record that names a session without a row gets one made from the caller columns it
 * carries, so no audit or log row can fail its foreign key, whatever order records arrive in.
 * Inserts ignore rows already present, so a batch written twice (retried after an ambiguous
 * commit, or replayed from the spill file) writes no duplicates.
 */
export class McpRecordSink implements BatchSink<McpRecord> {
  private readonly sanitizers = new Map<EntityTarget<ObjectLiteral>, RowSanitizer>();
  private readonly knownSessions = new Set<string>();

  constructor(
    private readonly database: McpDatabase,
    private readonly cipher: ColumnCipher,
  ) {}

  async write(batch: readonly McpRecord[]): Promise<void> {
    const sessions = new Map<string, McpSessionEntity>();
    const logs: McpLogEntity[] = [];
    const toolCalls: McpToolCallEntity[] = [];
    const changes = new Map<string, McpSessionChanges>();
    const sanitize = <T extends object>(entity: EntityTarget<ObjectLiteral>, row: T) => this.sanitizer(entity).clean(row);
    for (const record of batch) {
      if (record.kind === 'session') {
        if (!sessions.has(record.row.id)) sessions.set(record.row.id, sanitize(McpSessionEntity, record.row));
      } else if (record.kind === 'log') logs.push(sanitize(McpLogEntity, record.row));
      else if (record.kind === 'tool-call') toolCalls.push(sanitize(McpToolCallEntity, record.row));
      else changes.set(record.sessionId, { ...changes.get(record.sessionId), ...record.changes });
    }
    for (const row of [...logs, ...toolCalls]) {
      if (row.sessionId !== null && !sessions.has(row.sessionId) && !this.knownSessions.has(row.sessionId)) sessions.set(row.sessionId, sessionFor(row));
    }
    const sealedLogs = logs.map((row) => this.cipher.sealColumn(row, 'data'));
    const sealedToolCalls = toolCalls.map((row) => this.cipher.sealColumn(row, 'arguments'));
    await this.database.dataSource.transaction(async (manager) => {
      await insertRows(manager, McpSessionEntity, [...sessions.values()], SESSION_CONFLICT);
      await insertRows(manager, McpLogEntity, sealedLogs);
      await insertRows(manager, McpToolCallEntity, sealedToolCalls);
      const sessionSanitizer = this.sanitizer(McpSessionEntity);
      for (const [id, change] of changes) await manager.update(McpSessionEntity, { id }, sessionSanitizer.cleanChanges(change));
    });
    if (this.knownSessions.size > KNOWN_SESSIONS_LIMIT) this.knownSessions.clear();
    for (const id of sessions.keys()) this.knownSessions.add(id);
  }

  isPermanent(error: unknown): boolean {
    return isPermanentDatabaseError(error);
  }

  /** The record reduced to what any database stores: its row stays, its free-form payload goes. */
  salvage(record: McpRecord): McpRecord {
    if (record.kind === 'log') return { kind: 'log', row: this.sanitizer(McpLogEntity).salvage(record.row) };
    if (record.kind === 'tool-call') return { kind: 'tool-call', row: this.sanitizer(McpToolCallEntity).salvage(record.row) };
    if (record.kind === 'session') return { kind: 'session', row: this.sanitizer(McpSessionEntity).salvage(record.row) };
    return record;
  }

  private sanitizer(entity: EntityTarget<ObjectLiteral>): RowSanitizer {
    let sanitizer = this.sanitizers.get(entity);
    if (!sanitizer) {
      sanitizer = new RowSanitizer(this.database.dataSource.getMetadata(entity));
      this.sanitizers.set(entity, sanitizer);
    }
    return sanitizer;
  }
}

/** The row of a session known only from a record of it: who called, over what, since when. */
function sessionFor(row: McpLogEntity | McpToolCallEntity): McpSessionEntity {
  return {
    id: row.sessionId!,
    transport: row.transport,
    protocolVersion: row.protocolVersion,
    clientInfo: row.clientInfo,
    clientCapabilities: null,
    logLevel: null,
    principalId: row.principalId,
    createdAt: row.createdAt,
    lastSeenAt: row.createdAt,
    closedAt: null,
    closeReason: null,
    // Already made storable: its values come from the clean record.
    sanitized: false,
  };
}

/**
 * Errors retrying cannot fix: PostgreSQL classes 22 (data), 23 (constraints), 42 (schema) and
 * 54 (a program limit, such as JSON nested too deep), SQLite's constraint and data errors, and
 * records that cannot even be serialised. Anything else (refused or dropped connections,
 * timeouts, a busy database) is worth retrying.
 */
export function isPermanentDatabaseError(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return true;
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  const sqlState = typeof code === 'string' ? code : typeof driverError?.code === 'string' ? driverError.code : '';
  if (/^(22|23|42|54)[0-9A-Z]{3}$/.test(sqlState)) return true;
  return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE|ERROR)/.test(sqlState);
}
