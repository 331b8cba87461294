import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { MCP_RECORD_WRITER_STATS, type McpRecordWriterStatsSource } from '../../common/mcp-record-writer-stats.js';
import { MCP_DATA_SOURCE } from '../../persistence/mcp-persistence.constants.js';
import { MCP_OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../mcp-observability.options.js';

/** The part of a TypeORM `DataSource` the ping needs. */
interface Queryable {
  query(sql: string): Promise<unknown>;
}

/**
 * What readiness checks: with the persistence module, a `SELECT 1` through its `DataSource`
 * within `timeoutMs`, and the record writer's queue (reported, not judged: a backlog drains on
 * its own once the database answers). Without persistence there is nothing to wait for.
 */
@Injectable()
export class McpReadiness {
  private dataSource?: Queryable | null;
  private writer?: McpRecordWriterStatsSource | null;

  constructor(
    @Inject(MCP_OBSERVABILITY_OPTIONS) private readonly options: ResolvedObservabilityOptions,
    private readonly indicators: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  indicatorsOf(): (() => Promise<HealthIndicatorResult>)[] {
    // Looked up once (`null`: the app has no persistence module).
    if (this.dataSource === undefined) this.dataSource = this.find<Queryable>(MCP_DATA_SOURCE);
    if (this.writer === undefined) this.writer = this.find<McpRecordWriterStatsSource>(MCP_RECORD_WRITER_STATS);
    const dataSource = this.dataSource;
    return dataSource ? [() => this.database(dataSource)] : [];
  }

  private async database(dataSource: Queryable): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    const writer = this.writer?.stats();
    const details: Record<string, unknown> = writer ? { queued: writer.queued, writerHealthy: writer.healthy } : {};
    const timeoutMs = this.options.health?.timeoutMs ?? 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([dataSource.query('SELECT 1'), timeout]);
      return check.up(details);
    } catch (error) {
      return check.down({ ...details, message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }

  private find<T>(token: symbol): T | null {
    try {
      return this.moduleRef.get<T>(token, { strict: false });
    } catch {
      return null;
    }
  }
}
