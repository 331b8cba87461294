import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { McpDatabase } from '../database/mcp-database.js';
import { MCP_PERSISTENCE_OPTIONS, type ResolvedPersistenceOptions } from '../mcp-persistence.module-definition.js';
import { BatchWriter, type BatchWriterStats } from './batch-writer.js';
import type { McpRecord } from './mcp-record.js';
import { McpRecordSink } from './mcp-record.sink.js';

/**
 * The queue between MCP traffic and the database: logs, audit rows and session changes are
 * queued synchronously and written in batches. `stats()` reports what was written, retried
 * and dropped; on shutdown the queue is drained before the connection closes.
 *
 * @publicApi
 */
@Injectable()
export class McpRecordWriter implements OnApplicationShutdown {
  private readonly writer: BatchWriter<McpRecord>;

  constructor(database: McpDatabase, @Inject(MCP_PERSISTENCE_OPTIONS) options: ResolvedPersistenceOptions) {
    this.writer = new BatchWriter(new McpRecordSink(database), options.writer);
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
