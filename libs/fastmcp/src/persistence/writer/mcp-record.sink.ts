import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { McpDatabase } from '../database/mcp-database.js';
import { McpLogEntity } from '../entities/mcp-log.entity.js';
import { McpSessionEntity } from '../entities/mcp-session.entity.js';
import { McpToolCallEntity } from '../entities/mcp-tool-call.entity.js';
import type { BatchSink } from './batch-writer.js';
import type { McpRecord, McpSessionChanges } from './mcp-record.js';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * Rows per INSERT, largest first: a batch is split into these sizes so each table needs a few
 * prepared statements (the driver caches them by text), not one per batch size. 256 rows stay
 * far below PostgreSQL's 65 535 and SQLite's 32 766 bound parameters.
 */
const INSERT_SIZES = [256, 64, 16, 4, 1];

/**
 * Writes one batch in one transaction: new sessions first (logs and audit rows reference
 * them), then logs and audit rows in bulk, then session changes, merged per session.
 * Inserts ignore rows already present, so a batch retried after an ambiguous commit (the
 * connection died before the acknowledgement) writes no duplicates.
 */
export class McpRecordSink implements BatchSink<McpRecord> {
  constructor(private readonly database: McpDatabase) {}

  async write(batch: readonly McpRecord[]): Promise<void> {
    const sessions: McpSessionEntity[] = [];
    const logs: McpLogEntity[] = [];
    const toolCalls: McpToolCallEntity[] = [];
    const changes = new Map<string, McpSessionChanges>();
    for (const record of batch) {
      if (record.kind === 'session') sessions.push(record.row);
      else if (record.kind === 'log') logs.push(record.row);
      else if (record.kind === 'tool-call') toolCalls.push(record.row);
      else changes.set(record.sessionId, { ...changes.get(record.sessionId), ...record.changes });
    }
    await this.database.dataSource.transaction(async (manager) => {
      await insertIgnoringExisting(manager, McpSessionEntity, sessions);
      await insertIgnoringExisting(manager, McpLogEntity, logs);
      await insertIgnoringExisting(manager, McpToolCallEntity, toolCalls);
      for (const [id, change] of changes) await manager.update(McpSessionEntity, { id }, change);
    });
  }

  isPermanent(error: unknown): boolean {
    return isPermanentDatabaseError(error);
  }
}

/** What a table's bulk INSERT needs, worked out once per table: its columns and statement texts. */
interface InsertPlan {
  readonly columns: ColumnMetadata[];
  /** The statement for each chunk size, made on first use. */
  readonly sql: Map<number, string>;
  readonly head: string;
  readonly postgres: boolean;
}

const insertPlans = new WeakMap<EntityMetadata, InsertPlan>();

function insertPlanOf(manager: EntityManager, entity: EntityTarget<ObjectLiteral>): InsertPlan {
  const metadata = manager.connection.getMetadata(entity);
  let plan = insertPlans.get(metadata);
  if (!plan) {
    const { driver } = manager.connection;
    const columns = metadata.columns.filter((column) => column.isInsert && !column.isVirtual);
    const postgres = driver.options.type === 'postgres';
    const head =
      `INSERT${postgres ? '' : ' OR IGNORE'} INTO ${driver.escape(metadata.tableName)} ` +
      `(${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES `;
    plan = { columns, sql: new Map(), head, postgres };
    insertPlans.set(metadata, plan);
  }
  return plan;
}

/** The INSERT of `rows` rows: `(?, ?, …)` tuples, or `($1, $2, …)` on PostgreSQL. */
function insertSql(plan: InsertPlan, rows: number): string {
  let sql = plan.sql.get(rows);
  if (sql === undefined) {
    const width = plan.columns.length;
    const tuples = Array.from({ length: rows }, (_, row) => `(${Array.from({ length: width }, (_, column) => (plan.postgres ? `$${row * width + column + 1}` : '?')).join(', ')})`);
    sql = `${plan.head}${tuples.join(', ')}${plan.postgres ? ' ON CONFLICT DO NOTHING' : ''}`;
    plan.sql.set(rows, sql);
  }
  return sql;
}

/**
 * One multi-row INSERT per chunk that skips rows whose id exists, built from the entity's
 * metadata: the values go through the driver's own conversion (JSON, dates) exactly as the
 * query builder would send them, without its per-value parameter bookkeeping, which cost more
 * than the write itself on a busy server. The statement texts are made once per chunk size.
 */
async function insertIgnoringExisting<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const { driver } = manager.connection;
  const plan = insertPlanOf(manager, entity);
  for (let start = 0; start < rows.length; ) {
    const size = INSERT_SIZES.find((candidate) => candidate <= rows.length - start)!;
    const params: unknown[] = [];
    for (let row = start; row < start + size; row++) {
      const values = rows[row] as Record<string, unknown>;
      for (const column of plan.columns) params.push(driver.preparePersistentValue(values[column.propertyName] ?? null, column));
    }
    start += size;
    await manager.query(insertSql(plan, size), params);
  }
}

/**
 * Errors retrying cannot fix: PostgreSQL classes 22 (data), 23 (constraints) and 42 (schema),
 * SQLite's constraint and data errors, and records that cannot even be serialised. Anything
 * else (refused or dropped connections, timeouts, a busy database) is worth retrying.
 */
export function isPermanentDatabaseError(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return true;
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  const sqlState = typeof code === 'string' ? code : typeof driverError?.code === 'string' ? driverError.code : '';
  if (/^(22|23|42)[0-9A-Z]{3}$/.test(sqlState)) return true;
  return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE|ERROR)/.test(sqlState);
}
