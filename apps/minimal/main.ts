import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule, McpPrompt, McpResource, McpTool } from 'nestjs-fastmcp';
import { z } from 'zod';

@Injectable()
class CalcService {
  @McpTool({ name: 'add', description: 'Add two numbers', input: z.object({ a: z.number(), b: z.number() }) })
  add({ a, b }: { a: number; b: number }) {
    return a + b;
  }

  @McpResource({ uri: 'config://app', name: 'app-config', mimeType: 'application/json' })
  config() {
    return { debug: false };
  }

  @McpPrompt({ name: 'greet', description: 'Greet someone', arguments: z.object({ name: z.string() }) })
  greet({ name }: { name: string }) {
    return `Say hello to ${name}`;
  }
}

@Module({ imports: [McpModule.forRoot({ name: 'minimal', version: '1.0.0' })], providers: [CalcService] })
class AppModule {}

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? '127.0.0.1');
  console.log(`MCP endpoint: ${(await app.getUrl()).replace('[::1]', 'localhost')}/mcp`);
}
void bootstrap();
