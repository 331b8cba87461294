import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { McpModule } from 'nestjs-fastmcp';
import { McpObservabilityModule } from 'nestjs-fastmcp/observability';
import { McpPersistenceModule } from 'nestjs-fastmcp/persistence';
import { CallCounterInterceptor } from './call-counter.interceptor.js';
import { EchoTool } from './echo.tool.js';
import { McpOnlyGuard } from './mcp-only.guard.js';

/**
 * What the headline measures: a guard and an interceptor on the tool, audit and log persistence on
 * (embedded SQLite, a fresh file per process). Stream events are not persisted: they serve
 * resumability, not the audit trail, and would add a write per SSE message.
 * `BENCH_OBSERVABILITY=1` adds metrics and tracing (spans through the API, no SDK), to price them.
 */
@Module({
  imports: [
    McpModule.forRoot({ name: 'nestjs-fastmcp-bench', version: '1.0.0' }),
    McpPersistenceModule.forRoot({ sqlitePath: join(tmpdir(), `nestjs-fastmcp-bench-${process.pid}.sqlite`), eventStore: false }),
    ...(process.env.BENCH_OBSERVABILITY === '1' ? [McpObservabilityModule.forRoot({ metrics: true, tracing: true })] : []),
  ],
  providers: [EchoTool, McpOnlyGuard, CallCounterInterceptor],
})
export class BenchAppModule {}
