import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@modelcontextprotocol/server';
import type { Redis } from 'ioredis';
import { principalId } from '../../common/principal.js';
import { McpEvents } from '../../events/mcp-events.js';
import type { McpEventMap } from '../../events/mcp-event-map.js';
import type { McpLogLevel } from '../../interfaces/mcp-context.interface.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import type { McpSessionStore, McpStoredSession } from '../../sessions/mcp-session-store.js';
import type { ResolvedRedisOptions } from '../mcp-redis.module-definition.js';
import { RedisKeys, sessionTtlMs } from '../redis-keys.js';
import { MCP_REDIS_CLIENT, MCP_REDIS_OPTIONS } from '../redis.tokens.js';
import { RedisStreamEventStore } from './redis-stream-event.store.js';

/** How often the idle clocks of the sessions seen since are pushed back, in one round trip. */
const SEEN_FLUSH_MS = 1_000;

/**
 * 2025-era sessions in Redis, shared by every instance: the handshake, log level, principal and
 * subscriptions a session needs to be served by another instance (after its own went away), with
 * the idle timeout as Redis expiry. Written from the session events of the instance serving the
 * session; read when another instance takes it over.
 */
@Injectable()
export class RedisSessionStore implements McpSessionStore, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('McpRedisSessions');
  private readonly keys: RedisKeys;
  private readonly ttlMs: number;
  private readonly seenSince = new Set<string>();
  private readonly unsubscribe: (() => void)[] = [];
  private flushTimer?: NodeJS.Timeout;

  constructor(
    @Inject(MCP_REDIS_CLIENT) private readonly redis: Redis,
    @Inject(MCP_REDIS_OPTIONS) private readonly options: ResolvedRedisOptions,
    @Inject(MCP_OPTIONS) mcpOptions: ResolvedMcpOptions,
    private readonly events: McpEvents,
  ) {
    this.keys = new RedisKeys(options.keyPrefix);
    this.ttlMs = sessionTtlMs(mcpOptions);
  }

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('session.opened', (event) => this.write('opened', this.openedRecord(event))),
      this.events.on('session.logLevel', ({ sessionId, level }) => this.write('log level', this.levelRecord(sessionId, level))),
      this.events.on('session.subscribed', ({ sessionId, uri }) => this.write('subscription', this.redis.multi().sadd(this.keys.subscriptions(sessionId), uri).pexpire(this.keys.subscriptions(sessionId), this.ttlMs))),
      this.events.on('session.unsubscribed', ({ sessionId, uri }) => this.write('subscription', this.redis.multi().srem(this.keys.subscriptions(sessionId), uri))),
    );
    this.flushTimer = setInterval(() => void this.flush(), SEEN_FLUSH_MS);
    this.flushTimer.unref();
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    clearInterval(this.flushTimer);
  }

  async load(sessionId: string): Promise<McpStoredSession | undefined> {
    const results = await this.redis.multi().hgetall(this.keys.session(sessionId)).smembers(this.keys.subscriptions(sessionId)).exec();
    const record = results?.[0]?.[1] as Record<string, string> | undefined;
    if (!record?.protocolVersion || !record.clientInfo || record.closed) return undefined;
    return {
      protocolVersion: record.protocolVersion,
      clientInfo: JSON.parse(record.clientInfo) as McpStoredSession['clientInfo'],
      clientCapabilities: JSON.parse(record.clientCapabilities ?? '{}') as McpStoredSession['clientCapabilities'],
      logLevel: (record.logLevel || undefined) as McpLogLevel | undefined,
      principalId: record.principalId || undefined,
      subscriptions: (results?.[1]?.[1] as string[] | undefined) ?? [],
    };
  }

  seen(sessionId: string): void {
    this.seenSince.add(sessionId);
  }

  /**
   * Marks the session closed before the DELETE is answered, so no instance resumes it after
   * (spec 2025-11-25 basic/transports "Session Management": later requests get 404). The mark
   * lives as long as the session would have.
   */
  async closed(sessionId: string): Promise<void> {
    try {
      await this.redis
        .multi()
        .hset(this.keys.session(sessionId), 'closed', '1')
        .pexpire(this.keys.session(sessionId), this.ttlMs)
        .del(this.keys.subscriptions(sessionId), this.keys.events(sessionId))
        .exec();
    } catch (error) {
      this.logger.warn(`Session ${sessionId} not marked closed in Redis: ${(error as Error).message}`);
    }
  }

  eventStore(sessionId: string): EventStore | undefined {
    const bounds = this.options.eventStore;
    return bounds ? new RedisStreamEventStore(this.redis, this.keys.events(sessionId), bounds, this.ttlMs) : undefined;
  }

  /** Pushes back the expiry of every session seen since the last flush, in one round trip. */
  async flush(): Promise<void> {
    if (this.seenSince.size === 0) return;
    const ids = [...this.seenSince];
    this.seenSince.clear();
    const batch = this.redis.pipeline();
    for (const id of ids) {
      for (const key of [this.keys.session(id), this.keys.subscriptions(id), this.keys.owner(id)]) batch.pexpire(key, this.ttlMs);
      batch.pexpire(this.keys.events(id), Math.max(this.ttlMs, this.options.eventStore ? this.options.eventStore.maxAgeMs : 0));
    }
    await batch.exec().catch((error: Error) => this.logger.warn(`Session expiry not refreshed in Redis: ${error.message}`));
  }

  private openedRecord(event: McpEventMap['session.opened']) {
    const key = this.keys.session(event.sessionId);
    const fields: Record<string, string> = {
      protocolVersion: event.protocolVersion ?? '',
      clientInfo: JSON.stringify(event.clientInfo ?? null),
      clientCapabilities: JSON.stringify(event.clientCapabilities ?? {}),
      principalId: principalId(event.user) ?? '',
    };
    return this.redis.multi().hset(key, fields).pexpire(key, this.ttlMs);
  }

  private levelRecord(sessionId: string, level: McpLogLevel) {
    const key = this.keys.session(sessionId);
    // A hash without its handshake is never loaded as a session (see `load`).
    return this.redis.multi().hset(key, 'logLevel', level).pexpire(key, this.ttlMs);
  }

  private write(what: string, batch: ReturnType<Redis['multi']>): void {
    batch.exec().catch((error: Error) => this.logger.warn(`Session ${what} not written to Redis: ${error.message}`));
  }
}
