import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
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
    if (this.resolved) return this.resolved;
    if (this.options.instanceUrl) return (this.resolved = this.options.instanceUrl);
    const server = this.adapterHost.httpAdapter?.getHttpServer() as { address?: () => AddressInfo | string | null } | undefined;
    const address = server?.address?.();
    if (!address || typeof address === 'string') return undefined;
    const host = isWildcard(address.address) ? externalAddress() : address.address;
    return (this.resolved = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
  }
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

function externalAddress(): string {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return '127.0.0.1';
}
