import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { isTerminalStatus, type McpTask, type McpTaskOwner, type McpTaskPatch } from '../../interfaces/mcp-task.interface.js';
import type { McpTaskStore } from '../../interfaces/mcp-task-store.interface.js';
import type { ResolvedRedisOptions } from '../mcp-redis.module-definition.js';
import { listenToChannels } from '../redis-channels.js';
import { MCP_REDIS_CLIENT, MCP_REDIS_OPTIONS, MCP_REDIS_SUBSCRIBER } from '../redis.tokens.js';

/** Writes `next` only if the task is still `previous`: a read-modify-write no other instance interleaves with. */
const COMPARE_AND_SET = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'KEEPTTL') return 1 else return 0 end`;
const MAX_ATTEMPTS = 20;

/**
 * Tasks in Redis, shared by every instance: created on one, read, updated and cancelled on any
 * (owner checks stay with the task handlers). Each task expires with its TTL (spec 2025-11-25
 * "TTL and Resource Management"); terminal tasks never change again, even when two instances
 * race (compare-and-set). A cancellation is announced over pub/sub so the instance running the
 * task aborts it.
 */
@Injectable()
export class RedisTaskStore implements McpTaskStore, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('McpRedisTasks');
  private readonly prefix: string;
  private readonly cancelledChannel: string;
  private readonly resumeChannel: string;
  private readonly listeners = new Set<(taskId: string) => void>();
  private readonly resumeListeners = new Set<(taskId: string) => void>();
  private stopListening?: () => void;

  constructor(
    @Inject(MCP_REDIS_CLIENT) private readonly redis: Redis,
    @Inject(MCP_REDIS_SUBSCRIBER) private readonly subscriber: Redis,
    @Inject(MCP_REDIS_OPTIONS) options: ResolvedRedisOptions,
  ) {
    this.prefix = `${options.keyPrefix}task:`;
    this.cancelledChannel = `${options.keyPrefix}tasks:cancelled`;
    this.resumeChannel = `${options.keyPrefix}tasks:resume`;
  }

  onModuleInit(): void {
    this.stopListening = listenToChannels(this.subscriber, [this.cancelledChannel, this.resumeChannel], this.received, this.logger);
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  async create(task: McpTask): Promise<void> {
    const ttl = Math.max(1, task.createdAt + task.ttlMs - Date.now());
    const owner = this.ownerKey(task.owner);
    await this.redis
      .multi()
      .set(this.key(task.taskId), JSON.stringify(task), 'PX', ttl)
      .zadd(owner, task.createdAt, task.taskId)
      .pexpire(owner, ttl, 'GT')
      .pexpire(owner, ttl, 'NX')
      .exec()
      .then(failedIn);
  }

  async get(taskId: string): Promise<McpTask | undefined> {
    const stored = await this.redis.get(this.key(taskId));
    return stored === null ? undefined : (JSON.parse(stored) as McpTask);
  }

  async update(taskId: string, patch: McpTaskPatch): Promise<McpTask | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.redis.get(this.key(taskId));
      if (stored === null) return undefined;
      const task = JSON.parse(stored) as McpTask;
      if (isTerminalStatus(task.status)) return task;
      const next: McpTask = { ...task, ...patch, lastUpdatedAt: Date.now() };
      const written = await this.redis.eval(COMPARE_AND_SET, 1, this.key(taskId), stored, JSON.stringify(next));
      if (written !== 1) continue;
      if (next.status === 'cancelled') await this.redis.publish(this.cancelledChannel, taskId).catch((error: Error) => this.logger.warn(`Cancellation of task ${taskId} not announced: ${error.message}`));
      return JSON.parse(JSON.stringify(next)) as McpTask;
    }
    throw new Error(`Task ${taskId} kept changing under ${MAX_ATTEMPTS} updates; try again`);
  }

  async list(owner: McpTaskOwner): Promise<McpTask[]> {
    const ids = await this.redis.zrange(this.ownerKey(owner), 0, -1);
    if (ids.length === 0) return [];
    const stored = await this.redis.mget(ids.map((id) => this.key(id)));
    const now = Date.now();
    return stored
      .filter((value): value is string => value !== null)
      .map((value) => JSON.parse(value) as McpTask)
      .filter((task) => now < task.createdAt + task.ttlMs && task.owner.sessionId === owner.sessionId && task.owner.principal === owner.principal);
  }

  onCancelled(listener: (taskId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async requestResume(taskId: string): Promise<void> {
    await this.redis.publish(this.resumeChannel, taskId);
  }

  onResumeRequested(listener: (taskId: string) => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  private key(taskId: string): string {
    return `${this.prefix}${taskId}`;
  }

  private ownerKey(owner: McpTaskOwner): string {
    return `${this.prefix}owner:${owner.principal ?? ''}\u0000${owner.sessionId ?? ''}`;
  }

  private readonly received = (channel: string, taskId: string): void => {
    const listeners = channel === this.cancelledChannel ? this.listeners : channel === this.resumeChannel ? this.resumeListeners : undefined;
    for (const listener of listeners ?? []) listener(taskId);
  };
}

function failedIn(results: [Error | null, unknown][] | null): void {
  const failure = results?.find(([error]) => error)?.[0];
  if (failure) throw failure;
}
