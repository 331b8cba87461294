/**
 * One instance as `npm run bench:scale` runs it: the benchmark's `echo` tool (guard and
 * interceptor), no persistence, `McpRedisModule` when `BENCH_REDIS=1` (plain single-process mode
 * otherwise), and the readiness route HAProxy checks.
 */
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule } from 'nestjs-fastmcp';
import { McpObservabilityModule } from 'nestjs-fastmcp/observability';
import { McpRedisModule } from 'nestjs-fastmcp/redis';
import { CallCounterInterceptor } from './call-counter.interceptor.js';
import { EchoTool } from './echo.tool.js';
import { McpOnlyGuard } from './mcp-only.guard.js';

const redis: DynamicModule[] = process.env.BENCH_REDIS === '1' ? [McpRedisModule.forRoot({ url: process.env.REDIS_URL, keyPrefix: process.env.REDIS_KEY_PREFIX })] : [];

@Module({
  imports: [
    McpModule.forRoot({ name: 'nestjs-fastmcp-bench', version: '1.0.0', requestStateSecret: process.env.MCP_STATE_SECRET }),
    ...redis,
    McpObservabilityModule.forRoot({ health: true }),
  ],
  providers: [EchoTool, McpOnlyGuard, CallCounterInterceptor],
})
class ScaledBenchModule {}

const app = await NestFactory.create(ScaledBenchModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
console.log(`Instance ${process.env.INSTANCE_NAME} MCP endpoint: http://127.0.0.1:${process.env.PORT}/mcp`);
