import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ResolvedPersistenceOptions } from '../mcp-persistence.module-definition.js';
import type { McpDialect } from './column-types.js';
import { createMcpDataSourceOptions, quoteIdentifier } from './mcp-data-source.options.js';
import { WalCheckpointer } from './wal-checkpointer.js';

/** @publicApi */
export class McpDatabaseOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'McpDatabaseOpenError';
  }
}

/**
 * The persistence module's own TypeORM connection. Its own, not the app's: the module decides
 * when it closes, after the record writer has drained (Nest shuts dependents down first).
 */
export class McpDatabase implements OnApplicationShutdown {
  private static readonly logger = new Logger('McpDatabase');

  private constructor(
    readonly dataSource: DataSource,
    readonly dialect: McpDialect,
    /** The embedded database file's log checkpoints, off the event loop (see `WalCheckpointer`). */
    readonly checkpointer?: WalCheckpointer,
  ) {}

  /** Connects, creates the PostgreSQL schema if needed, and runs pending migrations. */
  static async open(options: ResolvedPersistenceOptions): Promise<McpDatabase> {
    const dataSource = new DataSource(createMcpDataSourceOptions(options));
    try {
      await dataSource.initialize();
    } catch (error) {
      throw McpDatabase.explain(error, options);
    }
    if (options.dialect === 'postgres' && options.schema) {
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    }
    McpDatabase.logger.log(
      options.dialect === 'postgres' ? `PostgreSQL${options.schema ? `, schema ${options.schema}` : ''}` : `Embedded SQLite file ${dataSource.options.database as string}`,
    );
    if (options.migrationsRun) {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length > 0) McpDatabase.logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    }
    const file = dataSource.options.database as string | undefined;
    const checkpointer = options.dialect === 'sqlite' && file && file !== ':memory:' ? await WalCheckpointer.start(dataSource, file) : undefined;
    return new McpDatabase(dataSource, options.dialect, checkpointer);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private static explain(error: unknown, options: ResolvedPersistenceOptions): Error {
    const cause = error as NodeJS.ErrnoException;
    if (options.dialect === 'sqlite' && cause.code === 'ERR_DLOPEN_FAILED') {
      return new McpDatabaseOpenError(
        `The embedded database (better-sqlite3) was built for another Node.js than this one (${process.version}): ` +
          'rebuild it with this Node.js (`npm rebuild better-sqlite3`), or set DATABASE_URL to a PostgreSQL server',
        { cause },
      );
    }
    const where = options.dialect === 'sqlite' ? `SQLite file ${options.sqlitePath ?? 'default'}` : 'PostgreSQL (DATABASE_URL)';
    return new McpDatabaseOpenError(`Could not open the MCP database, ${where}: ${cause.message}`, { cause });
  }
}
