import { HttpException, Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { MCP_OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../mcp-observability.options.js';
import { McpReadiness } from './mcp-readiness.js';

/**
 * `GET` liveness and readiness for Kubernetes probes, answered by Terminus: 200 with
 * `{ status: 'ok', … }`, or 503 with the failing indicators. Readiness answers 503 with
 * `status: 'shutting_down'` from the moment the app begins to close, so the load balancer stops
 * sending while in-flight calls and open sessions finish (their shutdown hooks may take a while;
 * Terminus' own flag is only set once its hook's turn comes). Plain routes of the HTTP adapter:
 * no global prefix, none of the app's guards.
 */
@Injectable()
export class McpHealthRoutes implements OnModuleInit, OnModuleDestroy {
  private draining = false;

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
    const ready = serve(() => this.readiness.indicatorsOf());
    adapter.get(paths.livePath, serve(() => []));
    adapter.get(paths.readyPath, (req: unknown, res: unknown) => {
      if (this.draining) adapter.reply(res, { status: 'shutting_down', info: {}, error: {}, details: {} }, 503);
      else ready(req, res);
    });
  }

  /** Nest runs every module's destroy hooks before any shutdown hook: the first sign the app is closing. */
  onModuleDestroy(): void {
    this.draining = true;
  }
}
