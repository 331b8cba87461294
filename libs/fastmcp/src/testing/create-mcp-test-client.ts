import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Client, InMemoryTransport, type ClientCapabilities } from '@modelcontextprotocol/client';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { MODERN_REVISION } from '../common/protocol-revisions.js';
import { McpServerFactory } from '../server/mcp-server.factory.js';
import { McpSessionManager } from '../sessions/mcp-session-manager.js';
import { callerExchange } from './caller-exchange.js';
import { answerServerRequests } from './server-request-answers.js';
import { McpTestClient } from './mcp-test-client.js';
import type { McpTestClientOptions } from './mcp-test-client-options.interface.js';

const DEFAULT_CLIENT_INFO = { name: 'nestjs-fastmcp-test-client', version: '1.0.0' };

/**
 * Connects an SDK client to the app's MCP server in memory: no port, no HTTP. `app` is a
 * `TestingModule` (initialised here if it is not yet) or an `INestApplication`. Calls go through
 * the app's guards, interceptors, pipes, filters and access rules, as `options.user`.
 *
 * ```ts
 * const mcp = await createMcpTestClient(moduleRef, { user: { sub: 'alice', roles: ['admin'] } });
 * expect(await mcp.callTool('add', { a: 2, b: 3 })).toMatchObject({ structuredContent: { sum: 5 } });
 * ```
 *
 * @publicApi
 */
export async function createMcpTestClient(app: INestApplicationContext, options: McpTestClientOptions = {}): Promise<McpTestClient> {
  // `init()` runs once however often it is called: the explorer fills the registry in it.
  await app.init();
  const servers = app.get(McpServerFactory, { strict: false });
  const era = options.era ?? '2025-11-25';
  const logLevel = options.logLevel ?? 'debug';
  const exchange = callerExchange(options);

  const sessions = app.get(McpSessionManager, { strict: false });
  const sessionId = randomUUID();

  // The opening exchange picks the era and pins one server for the connection, as over stdio:
  // the same entry serves a 2025-11-25 session and 2026-07-28 per-request traffic. A session is
  // known to the session manager like an HTTP one, so list_changed and resource-updated
  // notifications reach it.
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const serverErrors: Error[] = [];
  const serving = serveStdio(
    (ctx) => {
      if (ctx.era !== 'legacy') return servers.create({ era: ctx.era, transport: 'in-memory', connection: { exchange } });
      const product = servers.create({ era: ctx.era, transport: 'in-memory', connection: { exchange, sessionId } });
      sessions.add({ id: sessionId, kind: 'in-memory', user: options.user }, { notify: (notification) => product.server.notification(notification), close: () => closeServer() });
      return product;
    },
    { transport: serverSide, onerror: (error) => void serverErrors.push(error) },
  );
  // Each message marks the session seen, as each HTTP request does: an active test client is
  // never closed as idle (`sessionIdleTimeoutMs`).
  const deliver = serverSide.onmessage;
  serverSide.onmessage = (message, extra) => {
    sessions.find(sessionId, options.user);
    deliver?.(message, extra);
  };
  const closeServer = async () => {
    sessions.remove(sessionId, 'test client closed');
    await serving.close();
  };

  const capabilities: ClientCapabilities = {
    ...(options.elicit !== undefined ? { elicitation: { form: {} } } : {}),
    ...(options.sample !== undefined ? { sampling: {} } : {}),
    ...(options.roots !== undefined ? { roots: {} } : {}),
  };
  const client = new Client(options.clientInfo ?? DEFAULT_CLIENT_INFO, {
    capabilities,
    versionNegotiation: { mode: era === MODERN_REVISION ? { pin: MODERN_REVISION } : 'legacy' },
  });
  answerServerRequests(client, options);
  const mcp = new McpTestClient(client, era, logLevel, closeServer);
  try {
    await client.connect(clientSide);
    if (era !== MODERN_REVISION) await client.setLoggingLevel(logLevel);
  } catch (error) {
    await closeServer();
    throw serverErrors.length > 0 ? new AggregateError([error, ...serverErrors], `The test client could not connect: ${String(error)}`) : error;
  }
  return mcp;
}
