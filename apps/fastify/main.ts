import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { McpModule, McpResource, McpTool } from 'nestjs-fastmcp';
import { z } from 'zod';

@Injectable()
class CalcService {
  @McpTool({ name: 'add', description: 'Add two numbers', input: z.object({ a: z.number(), b: z.number() }) })
  add({ a, b }: { a: number; b: number }) {
    return a + b;
  }

  @McpResource({ uri: 'config://app', name: 'app-config', mimeType: 'application/json' })
  config() {
    return { platform: 'fastify' };
  }
}

@Module({ imports: [McpModule.forRoot({ name: 'fastify-example', version: '1.0.0' })], providers: [CalcService] })
class AppModule {}

// The same module as on Express: only the adapter changes.
const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter());
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 3003), process.env.HOST ?? '127.0.0.1');
console.log(`MCP endpoint: ${(await app.getUrl()).replace('[::1]', 'localhost')}/mcp`);
