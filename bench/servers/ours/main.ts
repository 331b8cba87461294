/**
 * Our server as the benchmark runs it: one Streamable HTTP endpoint serving both eras (2025-era
 * sessions and 2026-07-28 per-request), the `echo` tool behind a guard and an interceptor.
 * `BENCH_PROFILE=prod` adds endpoint authentication and PostgreSQL audit (`BenchProdAppModule`).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { BenchAppModule } from './bench-app.module.js';
import { BenchProdAppModule } from './bench-prod-app.module.js';

const app = await NestFactory.create(process.env.BENCH_PROFILE === 'prod' ? BenchProdAppModule : BenchAppModule, { logger: ['error', 'warn'] });
await app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
