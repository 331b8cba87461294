import type { INestApplication, ModuleMetadata, NestApplicationOptions } from '@nestjs/common';
import { Test } from '@nestjs/testing';

export interface RunningApp {
  app: INestApplication;
  baseUrl: string;
  mcpUrl: URL;
  close(): Promise<void>;
}

/** Builds the module as a user would, lets `configure` set the app up (as `main.ts` would), listens on a random 127.0.0.1 port. */
export async function startApp(
  metadata: ModuleMetadata,
  mcpPath = '/mcp',
  configure?: (app: INestApplication) => void,
  appOptions: NestApplicationOptions = {},
): Promise<RunningApp> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  // forceCloseConnections: a client's fetch may leave a socket that never sent a request, which
  // Node's server.close() waits out (undici's 4 s keep-alive) instead of closing.
  const app = moduleRef.createNestApplication({ logger: process.env.TEST_LOGS ? undefined : false, forceCloseConnections: true, ...appOptions });
  configure?.(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return { app, baseUrl, mcpUrl: new URL(`${baseUrl}${mcpPath}`), close: () => app.close() };
}
