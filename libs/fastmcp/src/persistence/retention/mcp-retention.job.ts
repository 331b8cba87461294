import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import { McpDatabase } from '../database/mcp-database.js';
import { McpLogEntity } from '../entities/mcp-log.entity.js';
import { McpSessionEntity } from '../entities/mcp-session.entity.js';
import { McpStreamEventEntity } from '../entities/mcp-stream-event.entity.js';
import { McpToolCallEntity } from '../entities/mcp-tool-call.entity.js';
import { MCP_PERSISTENCE_OPTIONS, type ResolvedPersistenceOptions } from '../mcp-persistence.module-definition.js';

/** @publicApi */
export interface McpRetentionResult {
  logs: number;
  toolCalls: number;
  streamEvents: number;
  /** Sessions left open by a process that died, idle past the resumption window: now closed. */
  expiredSessions: number;
  /** Sessions closed longer ago than the retention age: deleted (their remaining rows with them). */
  deletedSessions: number;
}

/**
 * Purges what is older than the retention ages, on an interval and on demand (`run()`).
 *
 * @publicApi
 */
@Injectable()
export class McpRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('McpRetention');
  private timer?: NodeJS.Timeout;
  private running?: Promise<McpRetentionResult>;

  constructor(
    private readonly database: McpDatabase,
    @Inject(MCP_PERSISTENCE_OPTIONS) private readonly options: ResolvedPersistenceOptions,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.options.retention.intervalMs;
    if (interval <= 0) return;
    this.timer = setInterval(() => void this.run().catch((error: Error) => this.logger.warn(`Retention run failed: ${error.message}`)), interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One purge; concurrent calls share it. */
  run(now = new Date()): Promise<McpRetentionResult> {
    this.running ??= this.purge(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async purge(now: Date): Promise<McpRetentionResult> {
    const { maxAgeMs, eventsMaxAgeMs } = this.options.retention;
    const before = (ms: number) => LessThan(new Date(now.getTime() - ms));
    const manager = this.database.dataSource.manager;
    const result: McpRetentionResult = {
      logs: (await manager.delete(McpLogEntity, { createdAt: before(maxAgeMs) })).affected ?? 0,
      toolCalls: (await manager.delete(McpToolCallEntity, { createdAt: before(maxAgeMs) })).affected ?? 0,
      streamEvents: (await manager.delete(McpStreamEventEntity, { createdAt: before(eventsMaxAgeMs) })).affected ?? 0,
      expiredSessions:
        (
          await manager.update(
            McpSessionEntity,
            { closedAt: IsNull(), lastSeenAt: before(this.options.sessionTtlMs) },
            { closedAt: now, closeReason: 'expired' },
          )
        ).affected ?? 0,
      // `closed_at < cutoff` never matches an open session (NULL).
      deletedSessions: (await manager.delete(McpSessionEntity, { closedAt: before(maxAgeMs) })).affected ?? 0,
    };
    const purged = Object.entries(result).filter(([, count]) => count > 0);
    if (purged.length > 0) this.logger.log(`Retention: ${purged.map(([what, count]) => `${count} ${what}`).join(', ')}`);
    return result;
  }
}
