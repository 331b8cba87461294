import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { ExpressHttpPlatform } from './express-http.platform.js';
import { FastifyHttpPlatform } from './fastify-http.platform.js';
import type { McpHttpPlatform } from './mcp-http-platform.js';

/**
 * The app's HTTP platform, from Nest's `HttpAdapterHost`. Found on first use: a testing module's
 * providers exist before `createNestApplication()` gives it its adapter.
 */
@Injectable()
export class McpHttpPlatformHost implements OnModuleInit {
  private readonly logger = new Logger('McpHttp');
  private found?: McpHttpPlatform;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
  ) {}

  /** `getType()` of the app's adapter; `undefined` without one (a stdio-only app). */
  get type(): string | undefined {
    return this.adapterHost.httpAdapter?.getType();
  }

  get platform(): McpHttpPlatform {
    if (this.found) return this.found;
    const adapter = this.adapterHost.httpAdapter;
    this.found =
      adapter?.getType() === 'fastify'
        ? new FastifyHttpPlatform((adapter as FastifyAdapter).getInstance(), this.config.getGlobalPrefix())
        : new ExpressHttpPlatform(adapter);
    return this.found;
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const type = adapter.getType();
    if (type !== 'express' && type !== 'fastify') {
      this.logger.warn(`The MCP HTTP routes support Express and Fastify; this app's platform is '${type}', served as Express would be.`);
    }
    this.platform.prepare();
  }
}
