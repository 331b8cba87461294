import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NotesAppModule } from './notes.module.js';

/** The notes REST service, with its routes also offered as MCP tools on `/mcp`. */
async function bootstrap() {
  const app = await NestFactory.create(NotesAppModule);
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true }));
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3002), process.env.HOST ?? '127.0.0.1');
  console.log(`MCP endpoint: ${(await app.getUrl()).replace('[::1]', 'localhost')}/mcp`);
}
void bootstrap();
