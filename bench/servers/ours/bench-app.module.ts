import { Module } from '@nestjs/common';
import { McpModule } from 'nestjs-fastmcp';
import { CallCounterInterceptor } from './call-counter.interceptor.js';
import { EchoTool } from './echo.tool.js';
import { McpOnlyGuard } from './mcp-only.guard.js';

@Module({
  imports: [McpModule.forRoot({ name: 'nestjs-fastmcp-bench', version: '1.0.0' })],
  providers: [EchoTool, McpOnlyGuard, CallCounterInterceptor],
})
export class BenchAppModule {}
