import { Module } from '@nestjs/common';
import { McpModule } from 'nestjs-fastmcp';
import { McpObservabilityModule } from 'nestjs-fastmcp/observability';
import { McpPersistenceModule } from 'nestjs-fastmcp/persistence';
import { McpRedisModule } from 'nestjs-fastmcp/redis';
import { ScaledTools } from './scaled.tools.js';

/** One instance of the scaled server: every instance runs this same module against one Redis. */
@Module({
  imports: [
    McpModule.forRoot({ name: 'scaled', version: '1.0.0', requestStateSecret: process.env.MCP_STATE_SECRET }),
    McpRedisModule.forRoot({ url: process.env.REDIS_URL, keyPrefix: process.env.REDIS_KEY_PREFIX }),
    // `/health/ready`: the load balancer's health check, 503 while the instance drains.
    McpObservabilityModule.forRoot({ health: true }),
    // Optional: the audit and logs of every instance in one PostgreSQL database.
    ...(process.env.DATABASE_URL ? [McpPersistenceModule.forRoot({ url: process.env.DATABASE_URL, schema: process.env.DATABASE_SCHEMA })] : []),
  ],
  providers: [ScaledTools],
})
export class ScaledAppModule {}
