/**
 * The stdio server the `ours-mount` rows mount: the benchmark's `echo` tool and nothing else, so
 * the rows measure the hop through the mount, not the backend's own pipeline.
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule, McpStdioLogger, McpTool } from 'nestjs-fastmcp';
import { z } from 'zod';

@Injectable()
class PlainEcho {
  @McpTool({ name: 'echo', description: 'Echo the text back', input: z.object({ text: z.string() }) })
  echo({ text }: { text: string }): string {
    return text;
  }
}

@Module({ imports: [McpModule.forRoot({ name: 'bench-stdio-echo', version: '1.0.0', transports: ['stdio'] })], providers: [PlainEcho] })
class StdioEchoModule {}

await NestFactory.createApplicationContext(StdioEchoModule, { logger: new McpStdioLogger({ logLevels: ['error'] }) });
