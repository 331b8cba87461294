import { HttpException, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { MCP_OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../mcp-observability.options.js';
import { McpReadiness } from './mcp-readiness.js';

/**
 * `GET` liveness and readiness for Kubernetes probes, answered by Terminus: 200 with
 * `{ status: 'ok', … }`, or 503 with the failing indicators, and `status: 'shutting_down'` from
 * the moment the app begins to shut down (so the load balancer stops sending while in-flight
 * calls finish). Plain routes of the HTTP adapter: no global prefix, none of the app's guards.
 */
@Injectable()
export class McpHealthRoutes implements OnModuleInit {
  constructor(
    @Inject(MCP_OBSERVABILITY_OPTIONS) private readonly options: ResolvedObservabilityOptions,
    private readonly health: HealthCheckService,
    private readonly readiness: McpReadiness,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    const paths = this.options.health;
    if (!adapter || !paths) return;
    const serve = (indicators: () => HealthIndicatorFunction[]) => (_req: unknown, res: unknown) => {
      this.health.check(indicators()).then(
        (result) => adapter.reply(res, result, 200),
        (error: unknown) =>
          error instanceof HttpException ? adapter.reply(res, error.getResponse(), error.getStatus()) : adapter.reply(res, { status: 'error', message: String(error) }, 500),
      );
    };
    adapter.get(paths.livePath, serve(() => []));
    adapter.get(paths.readyPath, serve(() => this.readiness.indicatorsOf()));
  }
}
