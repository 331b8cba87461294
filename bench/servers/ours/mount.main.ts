/**
 * A gateway as the benchmark runs it: the `echo` tool of a stdio child, mounted without a prefix
 * and served over our Streamable HTTP endpoint (both eras). Beside the `ours` rows, it shows what
 * a call through a mount costs.
 */
import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule } from 'nestjs-fastmcp';

const child = fileURLToPath(new URL('./stdio-echo.main.js', import.meta.url));

@Module({ imports: [McpModule.forRoot({ name: 'nestjs-fastmcp-bench-gateway', version: '1.0.0', mount: [{ prefix: '', command: process.execPath, args: [child] }] })] })
class GatewayModule {}

const app = await NestFactory.create(GatewayModule, { logger: ['error', 'warn'] });
await app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
