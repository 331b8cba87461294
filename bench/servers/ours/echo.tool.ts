import { Injectable, UseGuards, UseInterceptors } from '@nestjs/common';
import { McpTool } from 'nestjs-fastmcp';
import { z } from 'zod';
import { CallCounterInterceptor } from './call-counter.interceptor.js';
import { McpOnlyGuard } from './mcp-only.guard.js';

/** The tool every server in the benchmark exposes; ours runs it through a guard and an interceptor. */
@Injectable()
export class EchoTool {
  @UseGuards(McpOnlyGuard)
  @UseInterceptors(CallCounterInterceptor)
  @McpTool({ name: 'echo', description: 'Echo the text back', input: z.object({ text: z.string() }) })
  echo({ text }: { text: string }): string {
    return text;
  }
}
