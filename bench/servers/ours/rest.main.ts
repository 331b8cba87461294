/**
 * The benchmark's server (`BenchAppModule`: the `echo` tool behind a guard and an interceptor,
 * embedded audit) with the REST face on, for `npm run bench:rest`.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpRestModule } from 'nestjs-fastmcp/rest';
import { BenchAppModule } from './bench-app.module.js';

@Module({ imports: [BenchAppModule, McpRestModule.forRoot({ prefix: 'api' })] })
class RestBenchModule {}

const app = await NestFactory.create(RestBenchModule, { logger: ['error', 'warn'] });
await app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
console.log(`Instance rest MCP endpoint: http://127.0.0.1:${process.env.PORT}/mcp`);
