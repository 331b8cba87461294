export { McpPersistenceModule } from './mcp-persistence.module.js';
export { MCP_DATA_SOURCE } from './mcp-persistence.constants.js';
export type { McpPersistenceOptions } from './interfaces/mcp-persistence-options.interface.js';
export type { McpEncryptionKey, McpEncryptionOptions } from './encryption/mcp-encryption-options.js';
export { isUndecryptable, type McpUndecryptableValue } from './encryption/undecryptable-value.js';
export { createMcpDataSourceOptions } from './database/mcp-data-source.options.js';
export { UnsupportedDatabaseUrlError, type McpDatabaseConfig } from './database/mcp-database.config.js';
export { McpDatabaseOpenError } from './database/mcp-database.js';
export type { McpDialect } from './database/column-types.js';
export { mcpEntities } from './entities/mcp-entities.js';
export { mcpMigrations } from './migrations/mcp-migrations.js';
export { McpSessionEntity } from './entities/mcp-session.entity.js';
export { McpLogEntity } from './entities/mcp-log.entity.js';
export { McpToolCallEntity } from './entities/mcp-tool-call.entity.js';
export { McpToolEntity } from './entities/mcp-tool.entity.js';
export { McpResourceEntity } from './entities/mcp-resource.entity.js';
export { McpPromptEntity } from './entities/mcp-prompt.entity.js';
export { McpStreamEventEntity } from './entities/mcp-stream-event.entity.js';
export {
  McpSessionsService,
  type McpLogQuery,
  type McpRecordQuery,
  type McpSessionQuery,
  type McpToolCallQuery,
} from './sessions/mcp-sessions.service.js';
export { TypeOrmEventStore } from './sessions/typeorm-event.store.js';
export { McpRecordWriter, McpSpillDirectoryError } from './writer/mcp-record.writer.js';
export type { BatchWriterOptions, BatchWriterStats, OverflowPolicy } from './writer/batch-writer.js';
export { McpCatalogSync } from './catalog/mcp-catalog.sync.js';
export { McpRetentionJob, type McpRetentionResult } from './retention/mcp-retention.job.js';
export { ArgumentRedactor, DEFAULT_REDACTED_FIELDS, REDACTED } from './audit/argument-redactor.js';
