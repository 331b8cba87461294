import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * Rows per INSERT, largest first: a batch is split into these sizes so each table needs a few
 * prepared statements (the driver caches them by text), not one per batch size. 256 rows stay
 * far below PostgreSQL's 65 535 and SQLite's 32 766 bound parameters.
 */
const INSERT_SIZES = [256, 64, 16, 4, 1];

/** What a row already present keeps or takes from the new one. */
export interface ConflictRule {
  /** The primary key column (database name). */
  readonly key: string;
  /** Columns (database names) a present row takes from the new one where it has none. */
  readonly fill: readonly string[];
}

/** What a table's bulk INSERT needs, worked out once per table and conflict rule: its columns and statement texts. */
interface InsertPlan {
  readonly columns: ColumnMetadata[];
  /** The statement for each chunk size, made on first use. */
  readonly sql: Map<number, string>;
  readonly head: string;
  readonly tail: string;
  readonly postgres: boolean;
  /** PostgreSQL: one statement for any number of rows, a typed array per column (see `insertRows`). */
  readonly unnest?: string;
}

const insertPlans = new WeakMap<EntityMetadata, Map<string, InsertPlan>>();

function insertPlanOf(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, conflict?: ConflictRule): InsertPlan {
  const metadata = manager.connection.getMetadata(entity);
  const plans = insertPlans.get(metadata) ?? new Map<string, InsertPlan>();
  insertPlans.set(metadata, plans);
  const planKey = conflict ? `${conflict.key}:${conflict.fill.join(',')}` : '';
  let plan = plans.get(planKey);
  if (!plan) {
    const { driver } = manager.connection;
    const columns = metadata.columns.filter((column) => column.isInsert && !column.isVirtual);
    const postgres = driver.options.type === 'postgres';
    const table = driver.escape(metadata.tableName);
    const head =
      `INSERT${postgres || conflict ? '' : ' OR IGNORE'} INTO ${table} ` +
      `(${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES `;
    // Both databases spell the upsert alike (SQLite since 3.24); `excluded` is the new row.
    const fill = conflict?.fill.map((column) => `${driver.escape(column)} = COALESCE(${table}.${driver.escape(column)}, excluded.${driver.escape(column)})`);
    const tail = conflict ? ` ON CONFLICT (${driver.escape(conflict.key)}) DO UPDATE SET ${fill!.join(', ')}` : postgres ? ' ON CONFLICT DO NOTHING' : '';
    const columnList = columns.map((column) => driver.escape(column.databaseName)).join(', ');
    const unnest = postgres
      ? `INSERT INTO ${table} (${columnList}) SELECT * FROM unnest(${columns.map((column, index) => `$${index + 1}::${driver.normalizeType(column)}[]`).join(', ')})${tail}`
      : undefined;
    plan = { columns, sql: new Map(), head, tail, postgres, unnest };
    plans.set(planKey, plan);
  }
  return plan;
}

/** The INSERT of `rows` rows: `(?, ?, …)` tuples, or `($1, $2, …)` on PostgreSQL. */
function insertSql(plan: InsertPlan, rows: number): string {
  let sql = plan.sql.get(rows);
  if (sql === undefined) {
    const width = plan.columns.length;
    const tuples = Array.from({ length: rows }, (_, row) => `(${Array.from({ length: width }, (_, column) => (plan.postgres ? `$${row * width + column + 1}` : '?')).join(', ')})`);
    sql = `${plan.head}${tuples.join(', ')}${plan.tail}`;
    plan.sql.set(rows, sql);
  }
  return sql;
}

/**
 * On PostgreSQL, one INSERT … SELECT FROM unnest(…) for the whole batch: a parameter per column
 * (an array of that column's values), so the statement text is the same for every batch and
 * PostgreSQL parses a dozen parameters instead of a dozen per row (docs/performance.md,
 * "PostgreSQL audit statement"). Elsewhere, one multi-row INSERT per chunk that skips rows whose id exists (or, with a `conflict` rule,
 * fills the present row's empty columns), built from the entity's metadata: the values go
 * through the driver's own conversion (JSON, dates) exactly as the query builder would send
 * them, without its per-value parameter bookkeeping, which cost more than the write itself on
 * a busy server. The statement texts are made once per chunk size. With a `conflict` rule a
 * key must appear once in `rows` (PostgreSQL cannot update a row twice in one statement).
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[], conflict?: ConflictRule): Promise<void> {
  if (rows.length === 0) return;
  const { driver } = manager.connection;
  const plan = insertPlanOf(manager, entity, conflict);
  if (plan.unnest) {
    const columns = plan.columns.map(() => new Array<unknown>(rows.length));
    for (let row = 0; row < rows.length; row++) {
      const values = rows[row] as Record<string, unknown>;
      for (let index = 0; index < plan.columns.length; index++) {
        const column = plan.columns[index]!;
        columns[index]![row] = driver.preparePersistentValue(values[column.propertyName] ?? null, column);
      }
    }
    await manager.query(plan.unnest, columns);
    return;
  }
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
