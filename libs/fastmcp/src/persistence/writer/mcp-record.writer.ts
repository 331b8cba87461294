import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { McpDatabase } from '../database/mcp-database.js';
import { ColumnCipher } from '../encryption/column-cipher.js';
import { MCP_PERSISTENCE_OPTIONS, type ResolvedPersistenceOptions } from '../mcp-persistence.module-definition.js';
import { BatchWriter, type BatchWriterStats } from './batch-writer.js';
import { mcpRecordCodec } from './mcp-record.codec.js';
import type { McpRecord } from './mcp-record.js';
import { McpRecordSink } from './mcp-record.sink.js';
import { SpillLog } from './spill/spill-log.js';

/** @publicApi */
export class McpSpillDirectoryError extends Error {
  constructor(directory: string, cause: unknown) {
    super(
      `The audit spill directory ${directory} cannot be used (${(cause as Error).message}): ` +
        "set the persistence option spill.directory to a writable directory, or whenDatabaseDown to 'drop' or 'refuse'",
      { cause },
    );
    this.name = 'McpSpillDirectoryError';
  }
}

/**
 * The queue between MCP traffic and the database: logs, audit rows and session changes are
 * queued synchronously and written in batches. `stats()` reports what was written, retried,
 * spilled and dropped; on shutdown the queue is drained before the connection closes.
 *
 * @publicApi
 */
@Injectable()
export class McpRecordWriter implements OnModuleInit, OnApplicationShutdown {
  private readonly writer: BatchWriter<McpRecord>;

  constructor(
    database: McpDatabase,
    private readonly cipher: ColumnCipher,
    @Inject(MCP_PERSISTENCE_OPTIONS) private readonly options: ResolvedPersistenceOptions,
  ) {
    this.writer = new BatchWriter(new McpRecordSink(database, cipher), options.writer);
  }

  /** With `whenDatabaseDown: 'spill'`: opens the spill directory, and replays what an earlier process left there. */
  async onModuleInit(): Promise<void> {
    if (this.options.whenDatabaseDown !== 'spill') return;
    const { directory, syncIntervalMs } = this.options.spill;
    try {
      this.writer.attachSpill(await SpillLog.open(mcpRecordCodec(this.cipher), { directory, syncIntervalMs }));
    } catch (error) {
      throw new McpSpillDirectoryError(directory, error);
    }
  }

  /** Queues a record; false when the overflow policy refused it. Session rows are never refused. */
  record(record: McpRecord): boolean {
    return this.writer.enqueue(record, { droppable: record.kind === 'log' || record.kind === 'tool-call' });
  }

  /** Resolves once everything queued so far is written (or dropped); waits out a database outage. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  stats(): BatchWriterStats {
    return this.writer.stats();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.writer.close();
  }
}
