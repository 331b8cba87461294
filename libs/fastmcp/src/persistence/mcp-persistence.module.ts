import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MCP_SESSION_STORE } from '../sessions/mcp-session-store.js';
import { ArgumentRedactor } from './audit/argument-redactor.js';
import { McpAuditAvailabilityGuard } from './audit/audit-availability.guard.js';
import { McpCatalogSync } from './catalog/mcp-catalog.sync.js';
import { McpDatabase } from './database/mcp-database.js';
import { MCP_RECORD_WRITER_STATS } from '../common/mcp-record-writer-stats.js';
import { ColumnCipher } from './encryption/column-cipher.js';
import { MCP_DATA_SOURCE } from './mcp-persistence.constants.js';
import {
  MCP_PERSISTENCE_ASYNC_OPTIONS_TYPE,
  MCP_PERSISTENCE_MODULE_OPTIONS,
  MCP_PERSISTENCE_OPTIONS,
  MCP_PERSISTENCE_OPTIONS_TYPE,
  McpPersistenceConfigurableModule,
  resolvePersistenceOptions,
  type ResolvedPersistenceOptions,
} from './mcp-persistence.module-definition.js';
import { McpEventRecorder } from './recording/mcp-event.recorder.js';
import { McpRetentionJob } from './retention/mcp-retention.job.js';
import { McpSessionsService } from './sessions/mcp-sessions.service.js';
import { TypeOrmSessionStore } from './sessions/typeorm-session.store.js';
import { McpRecordWriter } from './writer/mcp-record.writer.js';

/**
 * Sessions, logs, tool-call audit and the catalog in a database: PostgreSQL when given a
 * `postgres://` URL, an embedded SQLite file otherwise. Import it next to `McpModule`
 * (which must stay global, its default):
 *
 * ```ts
 * McpPersistenceModule.forRoot({ url: process.env.DATABASE_URL })
 * ```
 */
@Module({
  providers: [
    { provide: MCP_PERSISTENCE_OPTIONS, useFactory: resolvePersistenceOptions, inject: [MCP_PERSISTENCE_MODULE_OPTIONS] },
    { provide: McpDatabase, useFactory: (options: ResolvedPersistenceOptions) => McpDatabase.open(options), inject: [MCP_PERSISTENCE_OPTIONS] },
    { provide: MCP_DATA_SOURCE, useFactory: (database: McpDatabase) => database.dataSource, inject: [McpDatabase] },
    { provide: ArgumentRedactor, useFactory: (options: ResolvedPersistenceOptions) => new ArgumentRedactor(options.redact), inject: [MCP_PERSISTENCE_OPTIONS] },
    // Built from the options at bootstrap, so a malformed key stops the app before any row is written.
    { provide: ColumnCipher, useFactory: (options: ResolvedPersistenceOptions) => ColumnCipher.fromOptions(options.encryption), inject: [MCP_PERSISTENCE_OPTIONS] },
    McpRecordWriter,
    { provide: MCP_RECORD_WRITER_STATS, useExisting: McpRecordWriter },
    McpEventRecorder,
    TypeOrmSessionStore,
    { provide: MCP_SESSION_STORE, useExisting: TypeOrmSessionStore },
    McpCatalogSync,
    McpRetentionJob,
    McpSessionsService,
    { provide: APP_GUARD, useClass: McpAuditAvailabilityGuard },
  ],
  exports: [MCP_SESSION_STORE, MCP_DATA_SOURCE, McpRecordWriter, McpSessionsService, McpCatalogSync, McpRetentionJob],
})
/** @publicApi */
export class McpPersistenceModule extends McpPersistenceConfigurableModule {
  static override forRoot(options: typeof MCP_PERSISTENCE_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }

  static override forRootAsync(options: typeof MCP_PERSISTENCE_ASYNC_OPTIONS_TYPE): DynamicModule {
    return super.forRootAsync(options);
  }
}
