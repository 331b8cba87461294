import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { McpCatalogKind } from '../../common/mcp-catalog.types.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import type { ResolvedRedisOptions } from '../mcp-redis.module-definition.js';
import { listenToChannels } from '../redis-channels.js';
import { MCP_REDIS_CLIENT, MCP_REDIS_OPTIONS, MCP_REDIS_SUBSCRIBER } from '../redis.tokens.js';

const KINDS: readonly McpCatalogKind[] = ['tool', 'resource', 'resourceTemplate', 'prompt'];

interface Toggle {
  origin: string;
  kind: McpCatalogKind;
  key: string;
  enabled: boolean;
}

/**
 * `enabled` toggles of the catalog shared by every instance: a tool, resource or prompt
 * enabled or disabled on one instance (`McpRegistry.setToolEnabled`, the admin page) is applied
 * on all of them at once over pub/sub, and each tells its own clients (list_changed). The last
 * toggle of each entry is kept in Redis, so an instance that starts later applies it too. Only
 * *changes* cross over: each instance compares the registry with the state it last saw.
 */
@Injectable()
export class RedisCatalogSync implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('McpRedisCatalog');
  private readonly origin = randomUUID();
  private readonly channel: string;
  private readonly hashPrefix: string;
  /** kind → key → enabled, as this instance last saw or applied it. */
  private readonly known = new Map<McpCatalogKind, Map<string, boolean>>();
  private unsubscribe?: () => void;
  private stopListening?: () => void;

  constructor(
    private readonly registry: McpRegistry,
    @Inject(MCP_REDIS_CLIENT) private readonly redis: Redis,
    @Inject(MCP_REDIS_SUBSCRIBER) private readonly subscriber: Redis,
    @Inject(MCP_REDIS_OPTIONS) options: ResolvedRedisOptions,
  ) {
    this.channel = `${options.keyPrefix}catalog`;
    this.hashPrefix = `${options.keyPrefix}catalog:`;
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const kind of KINDS) this.known.set(kind, this.snapshot(kind));
    this.unsubscribe = this.registry.onChange((kind) => this.publishChanges(kind));
    this.stopListening = listenToChannels(this.subscriber, [this.channel], this.received, this.logger);
    try {
      for (const kind of KINDS) {
        const toggles = await this.redis.hgetall(this.hashPrefix + kind);
        for (const [key, value] of Object.entries(toggles)) this.apply(kind, key, value === '1');
      }
    } catch (error) {
      this.logger.error(`Catalog toggles of other instances not loaded: ${(error as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.stopListening?.();
  }

  private snapshot(kind: McpCatalogKind): Map<string, boolean> {
    const entries = new Map<string, boolean>();
    for (const definition of this.definitions(kind)) entries.set(definition.key, definition.enabled);
    return entries;
  }

  private publishChanges(kind: McpCatalogKind): void {
    const before = this.known.get(kind) ?? new Map<string, boolean>();
    const now = this.snapshot(kind);
    this.known.set(kind, now);
    for (const [key, enabled] of now) {
      if (before.get(key) === enabled || !before.has(key)) continue;
      const toggle: Toggle = { origin: this.origin, kind, key, enabled };
      this.redis
        .multi()
        .hset(this.hashPrefix + kind, key, enabled ? '1' : '0')
        .publish(this.channel, JSON.stringify(toggle))
        .exec()
        .catch((error: Error) => this.logger.warn(`Toggle of ${kind} ${key} not shared with other instances: ${error.message}`));
    }
  }

  /** Applies a toggle from elsewhere; recorded first, so the change it causes here is not sent back. */
  private apply(kind: McpCatalogKind, key: string, enabled: boolean): void {
    const known = this.known.get(kind);
    if (!known?.has(key) || known.get(key) === enabled) return;
    known.set(key, enabled);
    if (kind === 'tool') this.registry.setToolEnabled(key, enabled);
    else if (kind === 'prompt') this.registry.setPromptEnabled(key, enabled);
    else this.registry.setResourceEnabled(key, enabled);
  }

  private definitions(kind: McpCatalogKind): Iterable<{ key: string; enabled: boolean }> {
    if (kind === 'tool') return this.registry.tools.all();
    if (kind === 'prompt') return this.registry.prompts.all();
    return kind === 'resource' ? this.registry.resources.all() : this.registry.resourceTemplates.all();
  }

  private readonly received = (channel: string, message: string): void => {
    let toggle: Toggle;
    try {
      toggle = JSON.parse(message) as Toggle;
    } catch {
      return this.logger.warn(`Ignored a malformed catalog toggle on ${channel}`);
    }
    if (toggle.origin === this.origin || !KINDS.includes(toggle.kind) || typeof toggle.key !== 'string' || typeof toggle.enabled !== 'boolean') return;
    this.apply(toggle.kind, toggle.key, toggle.enabled);
  };
}
