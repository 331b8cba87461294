import type { McpDialect } from './column-types.js';

/**
 * Where the persistence module keeps its tables.
 *
 * @publicApi
 */
export interface McpDatabaseConfig {
  /**
   * A `postgres://` (or `postgresql://`) URL selects PostgreSQL; none selects the embedded
   * SQLite file. Usually `process.env.DATABASE_URL`.
   */
  url?: string;
  /** The SQLite file, when there is no `url`. Default `.data/mcp.sqlite`; `:memory:` works too. */
  sqlitePath?: string;
  /** PostgreSQL schema of the tables, created if missing. Default: the connection's (`public`). */
  schema?: string;
  /** Shown in `pg_stat_activity`. Default `nestjs-fastmcp`. */
  applicationName?: string;
  /** PostgreSQL pool size. Default 10. */
  poolSize?: number;
  /** TypeORM query logging. */
  logging?: boolean;
}

export const DEFAULT_SQLITE_PATH = '.data/mcp.sqlite';

/** @publicApi */
export class UnsupportedDatabaseUrlError extends Error {
  constructor(url: string) {
    super(`nestjs-fastmcp persistence supports postgres:// URLs (or none, for the embedded SQLite file); got "${url.replace(/\/\/[^@/]*@/, '//***@')}"`);
    this.name = 'UnsupportedDatabaseUrlError';
  }
}

export function dialectOf(url: string | undefined): McpDialect {
  if (!url) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  throw new UnsupportedDatabaseUrlError(url);
}
