import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MCP_OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../mcp-observability.options.js';
import type { McpMetrics } from './mcp-metrics.js';
import { MCP_METRICS } from './mcp-metrics.provider.js';

/**
 * Serves the registry in Prometheus' text format. A plain route of the HTTP adapter, like the
 * MCP endpoint's own well-known documents: no global prefix, none of the app's guards (a scraper
 * carries no user token; keep the path off the public network instead).
 */
@Injectable()
export class McpMetricsRoute implements OnModuleInit {
  constructor(
    @Inject(MCP_OBSERVABILITY_OPTIONS) private readonly options: ResolvedObservabilityOptions,
    @Optional() @Inject(MCP_METRICS) private readonly metrics: McpMetrics | null,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    const path = this.options.metrics?.path;
    if (!adapter || !this.metrics || path === undefined) return;
    const registry = this.metrics.registry;
    adapter.get(path, (_req: unknown, res: unknown) => {
      registry.metrics().then(
        (text) => {
          adapter.setHeader(res, 'Content-Type', registry.contentType);
          adapter.reply(res, text, 200);
        },
        (error: Error) => adapter.reply(res, { message: `Collecting metrics failed: ${error.message}` }, 500),
      );
    });
  }
}
