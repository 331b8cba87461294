import { Module } from '@nestjs/common';
import { StdioAdapter } from './stdio.adapter.js';

/** MCP over the process's stdin and stdout. */
@Module({ providers: [StdioAdapter] })
export class McpStdioModule {}
