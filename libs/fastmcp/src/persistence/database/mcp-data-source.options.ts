import type { DataSourceOptions } from 'typeorm';
import { mcpEntities } from '../entities/mcp-entities.js';
import { mcpMigrations } from '../migrations/mcp-migrations.js';
import { DEFAULT_SQLITE_PATH, dialectOf, type McpDatabaseConfig } from './mcp-database.config.js';

/**
 * The TypeORM options of the persistence tables: what the module connects with, and what
 * `ormconfig.ts` hands the TypeORM CLI. Never `synchronize`: the schema is the committed
 * migrations, one set per database.
 *
 * @publicApi
 */
export function createMcpDataSourceOptions(config: McpDatabaseConfig = {}): DataSourceOptions {
  const dialect = dialectOf(config.url);
  const common = {
    entities: mcpEntities(dialect),
    migrations: mcpMigrations(dialect),
    // Its own history table, so the app's TypeORM migrations can share the database.
    migrationsTableName: 'mcp_migrations',
    synchronize: false,
    logging: config.logging ?? false,
  } as const;
  if (dialect === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.url,
      schema: config.schema,
      applicationName: config.applicationName ?? 'nestjs-fastmcp',
      poolSize: config.poolSize ?? 10,
      // The migrations name tables without a schema: the search path puts them in ours.
      extra: config.schema ? { options: `-c search_path=${quoteIdentifier(config.schema)}` } : undefined,
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath ?? DEFAULT_SQLITE_PATH,
    // Readers (the query service, session resumption) do not wait for the writer.
    enableWAL: true,
    // In WAL mode, NORMAL syncs at checkpoints instead of on every commit: a crash of the
    // process loses nothing, a power cut at most the last batches, never the database.
    prepareDatabase: (db: { pragma(source: string): unknown }) => void db.pragma('synchronous = NORMAL'),
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
