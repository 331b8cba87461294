import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InMemoryServerEventBus, type ServerEvent, type ServerEventBus } from '@modelcontextprotocol/server';
import type { Redis } from 'ioredis';
import type { ResolvedRedisOptions } from '../mcp-redis.module-definition.js';
import { listenToChannels } from '../redis-channels.js';
import { RedisKeys } from '../redis-keys.js';
import { MCP_REDIS_CLIENT, MCP_REDIS_OPTIONS, MCP_REDIS_SUBSCRIBER } from '../redis.tokens.js';

const KINDS = new Set<ServerEvent['kind']>(['tools_list_changed', 'prompts_list_changed', 'resources_list_changed', 'resource_updated']);

interface WireEvent {
  origin: string;
  event: ServerEvent;
}

/**
 * Change events (list_changed, resource updates) shared by every instance over Redis pub/sub:
 * 2026-07-28 `subscriptions/listen` streams and 2025-era sessions on every instance hear a change
 * published on any of them. Local listeners hear a local event at once, not through Redis, so
 * an instance keeps notifying its own clients while Redis is down.
 */
@Injectable()
export class RedisServerEventBus implements ServerEventBus, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('McpRedisEvents');
  private readonly local = new InMemoryServerEventBus((error) => this.logger.error(`A change listener failed: ${error.message}`));
  private readonly origin = randomUUID();
  private readonly channel: string;
  private stopListening?: () => void;

  constructor(
    @Inject(MCP_REDIS_CLIENT) private readonly redis: Redis,
    @Inject(MCP_REDIS_SUBSCRIBER) private readonly subscriber: Redis,
    @Inject(MCP_REDIS_OPTIONS) options: ResolvedRedisOptions,
  ) {
    this.channel = new RedisKeys(options.keyPrefix).changes;
  }

  onModuleInit(): void {
    this.stopListening = listenToChannels(this.subscriber, [this.channel], this.received, this.logger);
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  publish(event: ServerEvent): void {
    this.local.publish(event);
    const wire: WireEvent = { origin: this.origin, event };
    this.redis.publish(this.channel, JSON.stringify(wire)).catch((error: Error) => this.logger.warn(`Change ${event.kind} not shared with other instances: ${error.message}`));
  }

  subscribe(listener: (event: ServerEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  private readonly received = (channel: string, message: string): void => {
    let wire: WireEvent;
    try {
      wire = JSON.parse(message) as WireEvent;
    } catch {
      return this.logger.warn(`Ignored a malformed change event on ${channel}`);
    }
    if (wire.origin === this.origin || !KINDS.has(wire.event?.kind)) return;
    if (wire.event.kind === 'resource_updated' && typeof wire.event.uri !== 'string') return;
    this.local.publish(wire.event);
  };
}
