import type { ColumnType } from 'typeorm';

/** @publicApi */
export type McpDialect = 'postgres' | 'sqlite';

/**
 * The few column types that differ between the two databases. TypeORM has no portable
 * `timestamptz` or `jsonb`, and PostgreSQL deserves both: instants that survive a change of
 * time zone, and JSON an operator can query. So the entity schemas are built per dialect.
 */
export interface McpColumnTypes {
  readonly timestamp: ColumnType;
  readonly json: ColumnType;
  readonly uuid: ColumnType;
  readonly double: ColumnType;
  /** An auto-incremented primary key. */
  readonly sequence: ColumnType;
}

export const COLUMN_TYPES: Record<McpDialect, McpColumnTypes> = {
  postgres: { timestamp: 'timestamptz', json: 'jsonb', uuid: 'uuid', double: 'double precision', sequence: 'bigint' },
  // `simple-json` is TEXT: SQLite's type affinity would turn a JSON `5` stored in a `json` column into an integer.
  sqlite: { timestamp: 'datetime', json: 'simple-json', uuid: 'varchar', double: 'real', sequence: 'integer' },
};
