import type { INestApplication, ModuleMetadata, NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';

/** The HTTP platforms the suite runs on. */
export type TestPlatform = 'express' | 'fastify';

/** The platform `startApp` uses unless told: `MCP_TEST_PLATFORM`, else Express. */
export function testPlatform(): TestPlatform {
  return process.env.MCP_TEST_PLATFORM === 'fastify' ? 'fastify' : 'express';
}

export interface RunningApp {
  app: INestApplication;
  baseUrl: string;
  mcpUrl: URL;
  close(): Promise<void>;
}

/**
 * Builds the module as a user would, lets `configure` set the app up (as `main.ts` would), listens
 * on a random 127.0.0.1 port, on Express or Fastify (`platform`).
 */
export async function startApp(
  metadata: ModuleMetadata,
  mcpPath = '/mcp',
  configure?: (app: INestApplication) => void,
  appOptions: NestApplicationOptions = {},
  platform: TestPlatform = testPlatform(),
): Promise<RunningApp> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  // forceCloseConnections: a client's fetch may leave a socket that never sent a request, which
  // Node's server.close() waits out (undici's 4 s keep-alive) instead of closing.
  const options: NestApplicationOptions = { logger: process.env.TEST_LOGS ? undefined : false, forceCloseConnections: true, ...appOptions };
  const app =
    platform === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter({ forceCloseConnections: true }), options)
      : moduleRef.createNestApplication(options);
  configure?.(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return { app, baseUrl, mcpUrl: new URL(`${baseUrl}${mcpPath}`), close: () => app.close() };
}
