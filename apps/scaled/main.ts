import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ScaledAppModule } from './scaled.module.js';
import { INSTANCE } from './scaled.tools.js';

/** One instance; `cluster.ts` starts several behind HAProxy. */
async function bootstrap() {
  const app = await NestFactory.create(ScaledAppModule);
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? '127.0.0.1');
  console.log(`Instance ${INSTANCE} MCP endpoint: ${(await app.getUrl()).replace('[::1]', 'localhost')}/mcp`);
}
void bootstrap();
