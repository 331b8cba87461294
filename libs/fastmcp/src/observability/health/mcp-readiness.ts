import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { MCP_RECORD_WRITER_STATS, type McpRecordWriterStatsSource } from '../../common/mcp-record-writer-stats.js';
import { MCP_DATA_SOURCE } from '../../persistence/mcp-persistence.constants.js';
import { MCP_REDIS_CLIENT } from '../../redis/redis.tokens.js';
import { MCP_OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../mcp-observability.options.js';

/** The part of a TypeORM `DataSource` the ping needs. */
interface Queryable {
  query(sql: string): Promise<unknown>;
}

/** The part of an `ioredis` client the ping needs. */
interface Pingable {
  ping(): Promise<string>;
}

/**
 * What readiness checks: with the persistence module, a `SELECT 1` through its `DataSource`
 * within `timeoutMs`, and the record writer's queue (reported, not judged: a backlog drains on
 * its own once the database answers); with the Redis module, a `PING` within the same time.
 * Without either there is nothing to wait for.
 */
@Injectable()
export class McpReadiness {
  private dataSource?: Queryable | null;
  private writer?: McpRecordWriterStatsSource | null;
  private redis?: Pingable | null;

  constructor(
    @Inject(MCP_OBSERVABILITY_OPTIONS) private readonly options: ResolvedObservabilityOptions,
    private readonly indicators: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  indicatorsOf(): (() => Promise<HealthIndicatorResult>)[] {
    // Looked up once (`null`: the app has no persistence module).
    if (this.dataSource === undefined) this.dataSource = this.find<Queryable>(MCP_DATA_SOURCE);
    if (this.writer === undefined) this.writer = this.find<McpRecordWriterStatsSource>(MCP_RECORD_WRITER_STATS);
    if (this.redis === undefined) this.redis = this.find<Pingable>(MCP_REDIS_CLIENT);
    const { dataSource, redis } = this;
    return [...(dataSource ? [() => this.database(dataSource)] : []), ...(redis ? [() => this.ping('redis', () => redis.ping(), {})] : [])];
  }

  private database(dataSource: Queryable): Promise<HealthIndicatorResult> {
    const writer = this.writer?.stats();
    return this.ping('database', () => dataSource.query('SELECT 1'), writer ? { queued: writer.queued, writerHealthy: writer.healthy } : {});
  }

  private async ping(name: string, probe: () => Promise<unknown>, details: Record<string, unknown>): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(name);
    const timeoutMs = this.options.health?.timeoutMs ?? 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([probe(), timeout]);
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
