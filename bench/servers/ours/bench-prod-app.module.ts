import { Module } from '@nestjs/common';
import { McpModule } from 'nestjs-fastmcp';
import { McpAuthGuard, McpAuthModule, McpJwtModule } from 'nestjs-fastmcp/auth';
import { McpPersistenceModule } from 'nestjs-fastmcp/persistence';
import { BENCH_JWT } from '../bench-jwt.js';
import { CallCounterInterceptor } from './call-counter.interceptor.js';
import { EchoTool } from './echo.tool.js';
import { McpOnlyGuard } from './mcp-only.guard.js';

/**
 * The production profile: what the headline app has (the tool's guard and interceptor), plus
 * endpoint authentication (an HS256 bearer token verified by McpJwtModule, McpAuthGuard in
 * `guards`) and the audit trail in PostgreSQL (`BENCH_DATABASE_URL`, a schema of its own per process).
 */
@Module({
  imports: [
    McpAuthModule.forRoot({ resource: BENCH_JWT.resource, authorizationServers: [BENCH_JWT.issuer] }),
    McpJwtModule.forRoot({ secret: BENCH_JWT.secret, issuer: BENCH_JWT.issuer }),
    McpModule.forRoot({ name: 'nestjs-fastmcp-bench', version: '1.0.0', guards: [McpAuthGuard] }),
    McpPersistenceModule.forRoot({
      url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      schema: `bench_prod_${process.pid}`,
      eventStore: false,
    }),
  ],
  providers: [EchoTool, McpOnlyGuard, CallCounterInterceptor],
})
export class BenchProdAppModule {}
