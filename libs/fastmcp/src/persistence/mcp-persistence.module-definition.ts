import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurableModuleBuilder } from '@nestjs/common';
import { DEFAULT_SESSION_IDLE_TIMEOUT_MS } from '../common/mcp.constants.js';
import { DEFAULT_REDACTED_FIELDS } from './audit/argument-redactor.js';
import { DEFAULT_SQLITE_PATH, dialectOf } from './database/mcp-database.config.js';
import type { McpDialect } from './database/column-types.js';
import type { McpPersistenceOptions } from './interfaces/mcp-persistence-options.interface.js';
import { DEFAULT_BATCH_WRITER_OPTIONS, type BatchWriterOptions } from './writer/batch-writer.js';

export const {
  ConfigurableModuleClass: McpPersistenceConfigurableModule,
  MODULE_OPTIONS_TOKEN: MCP_PERSISTENCE_MODULE_OPTIONS,
  OPTIONS_TYPE: MCP_PERSISTENCE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MCP_PERSISTENCE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<McpPersistenceOptions>()
  .setClassMethodName('forRoot')
  // Always global: the core's transport looks the session store up from its own module.
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();

type Resolved<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

/** Options with every default applied: what the persistence providers read. */
export interface ResolvedPersistenceOptions
  extends Omit<McpPersistenceOptions, 'migrationsRun' | 'redact' | 'minLogLevel' | 'writer' | 'whenDatabaseDown' | 'spill' | 'sessionTtlMs' | 'eventStore' | 'retention' | 'catalog'>,
    Resolved<Pick<McpPersistenceOptions, 'migrationsRun' | 'redact' | 'minLogLevel' | 'whenDatabaseDown' | 'sessionTtlMs' | 'eventStore'>> {
  dialect: McpDialect;
  writer: BatchWriterOptions;
  spill: Resolved<NonNullable<McpPersistenceOptions['spill']>>;
  retention: Resolved<NonNullable<McpPersistenceOptions['retention']>>;
  catalog: Resolved<NonNullable<McpPersistenceOptions['catalog']>>;
}

export const MCP_PERSISTENCE_OPTIONS = Symbol('MCP_PERSISTENCE_OPTIONS');

const DAY = 24 * 60 * 60_000;

/**
 * Records per write on the embedded database. better-sqlite3 writes on the event loop, so a batch
 * holds every request in flight while it runs: smaller batches trade a little throughput for
 * shorter stalls (docs/performance.md, "Embedded audit batches").
 */
export const EMBEDDED_MAX_BATCH_SIZE = 256;

export function resolvePersistenceOptions(options: McpPersistenceOptions = {}): ResolvedPersistenceOptions {
  const dialect = dialectOf(options.url);
  const writerDefaults = dialect === 'sqlite' ? { ...DEFAULT_BATCH_WRITER_OPTIONS, maxBatchSize: EMBEDDED_MAX_BATCH_SIZE } : DEFAULT_BATCH_WRITER_OPTIONS;
  return {
    ...options,
    dialect,
    migrationsRun: options.migrationsRun ?? true,
    redact: options.redact ?? [...DEFAULT_REDACTED_FIELDS],
    minLogLevel: options.minLogLevel ?? 'info',
    writer: { ...writerDefaults, ...options.writer },
    whenDatabaseDown: options.whenDatabaseDown ?? 'spill',
    spill: { directory: options.spill?.directory ?? defaultSpillDirectory(dialect, options), syncIntervalMs: options.spill?.syncIntervalMs ?? 50 },
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_IDLE_TIMEOUT_MS,
    eventStore: options.eventStore ?? true,
    retention: {
      maxAgeMs: options.retention?.maxAgeMs ?? 30 * DAY,
      eventsMaxAgeMs: options.retention?.eventsMaxAgeMs ?? 60 * 60_000,
      intervalMs: options.retention?.intervalMs ?? 60 * 60_000,
    },
    catalog: { sync: options.catalog?.sync ?? true, pollIntervalMs: options.catalog?.pollIntervalMs ?? 5_000 },
  };
}

/**
 * Next to the embedded file, which is where its data already lives; for PostgreSQL, one directory
 * per database and schema, so two apps on one host never replay each other's records.
 */
function defaultSpillDirectory(dialect: McpDialect, options: McpPersistenceOptions): string {
  // An in-memory database does not outlive the process: neither need its spill.
  if (dialect === 'sqlite' && options.sqlitePath === ':memory:') return join(tmpdir(), 'nestjs-fastmcp-spill', `memory-${process.pid}`);
  if (dialect === 'sqlite') return `${resolve(options.sqlitePath ?? DEFAULT_SQLITE_PATH)}.spill`;
  const key = createHash('sha256').update(`${options.url ?? ''}\0${options.schema ?? ''}`).digest('hex').slice(0, 16);
  return join(tmpdir(), 'nestjs-fastmcp-spill', key);
}
