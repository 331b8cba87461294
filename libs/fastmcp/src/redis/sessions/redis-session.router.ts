import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import type { McpSessionRouter } from '../../sessions/mcp-session-router.js';
import type { ResolvedRedisOptions } from '../mcp-redis.module-definition.js';
import { RedisKeys, sessionTtlMs } from '../redis-keys.js';
import { MCP_REDIS_CLIENT, MCP_REDIS_OPTIONS } from '../redis.tokens.js';
import { McpInstanceAddress } from './mcp-instance-address.js';
import { answerLost, FORWARDED_HEADER, forwardRequest } from './session-request.forwarder.js';

/** Deletes the owner key only if it still names the given instance (another may have taken over). */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** A request can arrive on another instance right after `initialize` was answered, before its owner key lands. */
const OWNER_RETRY_MS = 25;
/**
 * How long an owner looked up in Redis is trusted without asking again. Ownership changes only
 * when an owner goes away, and a forward to a gone owner clears the entry at once.
 */
const OWNER_CACHE_MS = 2_000;
const OWNER_CACHE_SIZE = 10_000;

/**
 * One owner per 2025-era session, recorded in Redis: the instance that opened it, or the one
 * that took it over when its owner went away. Any other instance forwards the session's
 * requests there (POST, the GET stream, DELETE), so the live server, its streams, the calls in
 * flight, server-to-client requests waiting for their answer and `notifications/cancelled` all
 * meet in one process. An owner that no longer accepts connections is replaced by the instance
 * that found out, which resumes the session from the Redis session store.
 */
@Injectable()
export class RedisSessionRouter implements McpSessionRouter {
  private readonly logger = new Logger('McpRedisRouter');
  private readonly keys: RedisKeys;
  private readonly ttlMs: number;
  private readonly pending = new Set<Promise<unknown>>();
  /** sessionId → [owner URL, looked up at]. */
  private readonly owners = new Map<string, [string, number]>();

  constructor(
    @Inject(MCP_REDIS_CLIENT) private readonly redis: Redis,
    @Inject(MCP_REDIS_OPTIONS) options: ResolvedRedisOptions,
    @Inject(MCP_OPTIONS) mcpOptions: ResolvedMcpOptions,
    private readonly address: McpInstanceAddress,
  ) {
    this.keys = new RedisKeys(options.keyPrefix);
    this.ttlMs = sessionTtlMs(mcpOptions);
  }

  async forward(sessionId: string, req: McpHttpRequest, res: ServerResponse, body: unknown): Promise<boolean> {
    const self = this.address.url;
    // Forwarded once already: the sender found this instance to be the owner.
    if (!self || req.headers[FORWARDED_HEADER] !== undefined) return false;
    const owner = await this.ownerOf(sessionId);
    if (!owner || owner === self) return false;
    let outcome = await forwardRequest(owner, self, req, res, body);
    // A reset pooled connection: again on a fresh one, which tells a live owner from a dead one.
    const stale = outcome === 'stale';
    if (stale) outcome = await forwardRequest(owner, self, req, res, body, true);
    if (outcome === 'served') return true;
    this.owners.delete(sessionId);
    this.logger.warn(`Instance ${owner} serving session ${sessionId} is gone (${outcome === 'lost' || stale ? 'stopped during a request' : 'refused the connection'}): this instance takes it over`);
    await this.release(sessionId, owner);
    if (outcome === 'lost') return true;
    // Refused now, but the pooled connection may have carried the request before the owner died.
    if (stale) answerLost(res, body);
    return stale;
  }

  private async ownerOf(sessionId: string): Promise<string | null> {
    const cached = this.owners.get(sessionId);
    if (cached && performance.now() - cached[1] < OWNER_CACHE_MS) return cached[0];
    let owner: string | null;
    try {
      owner = (await this.redis.get(this.keys.owner(sessionId))) ?? (await delay(OWNER_RETRY_MS).then(() => this.redis.get(this.keys.owner(sessionId))));
    } catch (error) {
      this.logger.warn(`Owner of session ${sessionId} unknown, Redis failed: ${(error as Error).message}`);
      return null;
    }
    if (owner === null) this.owners.delete(sessionId);
    else {
      if (this.owners.size >= OWNER_CACHE_SIZE) this.owners.delete(this.owners.keys().next().value!);
      this.owners.set(sessionId, [owner, performance.now()]);
    }
    return owner;
  }

  claimed(sessionId: string): void {
    this.owners.delete(sessionId);
    const self = this.address.url;
    if (!self) return;
    this.track(this.redis.set(this.keys.owner(sessionId), self, 'PX', this.ttlMs), `claim session ${sessionId}`);
  }

  released(sessionId: string): void {
    const self = this.address.url;
    if (self) this.track(this.release(sessionId, self), `release session ${sessionId}`);
  }

  /** Resolves once every claim and release sent so far is settled (before the connection closes). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private release(sessionId: string, owner: string): Promise<unknown> {
    return this.redis.eval(RELEASE_SCRIPT, 1, this.keys.owner(sessionId), owner);
  }

  private track(write: Promise<unknown>, what: string): void {
    const settled = write.catch((error: Error) => this.logger.warn(`Could not ${what} in Redis: ${error.message}`)).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
