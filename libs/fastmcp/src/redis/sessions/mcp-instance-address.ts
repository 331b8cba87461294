import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { networkInterfaces } from 'node:os';
import { listeningOrigin } from '../../http/listening-origin.js';
import type { ResolvedRedisOptions } from '../mcp-redis.module-definition.js';
import { MCP_REDIS_OPTIONS } from '../redis.tokens.js';

/**
 * The base URL other instances reach this one at: the `instanceUrl` option, or the address the
 * HTTP server listens on. Read on first need, once the server listens.
 */
@Injectable()
export class McpInstanceAddress {
  private resolved?: string;

  constructor(
    @Inject(MCP_REDIS_OPTIONS) private readonly options: ResolvedRedisOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** `undefined` until the HTTP server listens (a stdio-only app has none: nothing is forwarded to it). */
  get url(): string | undefined {
    return (this.resolved ??= this.options.instanceUrl ?? listeningOrigin(this.adapterHost, externalAddress));
  }
}

function externalAddress(): string {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return '127.0.0.1';
}
