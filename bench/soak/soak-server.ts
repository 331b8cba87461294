/**
 * The server the audit soak drives, as its own process: the benchmark's echo tool (guard and
 * interceptor included) with persistence on the database the environment names, and Nest's
 * shutdown hooks, so SIGTERM drains the audit queue as a deployment's stop would.
 *
 * SOAK_DATABASE_URL + SOAK_SCHEMA: PostgreSQL; otherwise SOAK_SQLITE_PATH. SOAK_SPILL_DIR: the
 * spill directory. PORT: where to listen.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule } from 'nestjs-fastmcp';
import { McpPersistenceModule } from 'nestjs-fastmcp/persistence';
import { CallCounterInterceptor } from '../servers/ours/call-counter.interceptor.js';
import { EchoTool } from '../servers/ours/echo.tool.js';
import { McpOnlyGuard } from '../servers/ours/mcp-only.guard.js';

const env = process.env;

@Module({
  imports: [
    McpModule.forRoot({ name: 'nestjs-fastmcp-soak', version: '1.0.0' }),
    McpPersistenceModule.forRoot({
      ...(env.SOAK_DATABASE_URL ? { url: env.SOAK_DATABASE_URL, schema: env.SOAK_SCHEMA } : { sqlitePath: env.SOAK_SQLITE_PATH }),
      eventStore: false,
      catalog: { pollIntervalMs: 0 },
      spill: { directory: env.SOAK_SPILL_DIR },
    }),
  ],
  providers: [EchoTool, McpOnlyGuard, CallCounterInterceptor],
})
class SoakAppModule {}

const app = await NestFactory.create(SoakAppModule, { logger: ['error', 'warn', 'log'] });
app.enableShutdownHooks();
await app.listen(Number(env.PORT), '127.0.0.1');
console.log(`soak server listening on ${env.PORT}`);
