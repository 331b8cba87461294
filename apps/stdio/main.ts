import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule, McpStdioLogger, McpTool, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';

@Injectable()
class EchoService {
  @McpTool({ name: 'echo', description: 'Echo the text back', input: z.object({ text: z.string() }) })
  echo({ text }: { text: string }, ctx: McpContext) {
    ctx.log.info('echoing', { length: text.length });
    return text;
  }
}

@Module({
  imports: [McpModule.forRoot({ name: 'stdio-example', version: '1.0.0', transports: ['stdio'] })],
  providers: [EchoService],
})
class AppModule {}

// stdout carries MCP frames, so every log line goes to stderr.
const app = await NestFactory.createApplicationContext(AppModule, { logger: new McpStdioLogger() });
app.enableShutdownHooks();
