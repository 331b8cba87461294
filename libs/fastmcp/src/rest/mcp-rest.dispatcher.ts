import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InMemoryTransport } from '@modelcontextprotocol/client';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { McpCallFailure } from '../common/mcp-call-failure.js';
import { McpHttpExchange } from '../common/mcp-http-exchange.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { MODERN_REVISION } from '../common/protocol-revisions.js';
import { McpServerFactory } from '../server/mcp-server.factory.js';

/** The client a REST request stands for, in the 2026-07-28 per-request envelope. */
const REST_ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': MODERN_REVISION,
  'io.modelcontextprotocol/clientInfo': { name: 'nestjs-fastmcp-rest', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** The answer to one request: a JSON-RPC result or error, and why a tool call failed when it did. */
export interface McpRestAnswer {
  readonly result?: Record<string, unknown>;
  readonly error?: { code: number; message: string; data?: unknown };
  readonly failure?: McpCallFailure;
  /** Notifications the server sent while answering (progress, log messages). */
  readonly notifications: JSONRPCMessage[];
}

/**
 * Serves one REST request as a 2026-07-28 MCP request, in memory, on a server of its own: the
 * same handlers, registry, access rules and Nest pipeline (guards, interceptors, pipes, filters)
 * as an MCP call, with the HTTP request (its `req.user`) as the call's exchange, so guards that
 * read `switchToHttp().getRequest()` see the REST caller.
 */
@Injectable()
export class McpRestDispatcher {
  constructor(private readonly servers: McpServerFactory) {}

  async request(req: McpHttpRequest, method: string, params: Record<string, unknown> = {}, onNotification?: (message: JSONRPCMessage) => void): Promise<McpRestAnswer> {
    const exchange = new McpHttpExchange(req);
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const serving = serveStdio(() => this.servers.create({ era: 'modern', transport: 'rest', connection: { exchange } }), { transport: serverSide });
    const id = randomUUID();
    const notifications: JSONRPCMessage[] = [];
    try {
      const answered = new Promise<JSONRPCMessage>((resolve) => {
        clientSide.onmessage = (message) => {
          if ('id' in message && message.id === id && !('method' in message)) resolve(message);
          else if ('method' in message && !('id' in message)) {
            notifications.push(message);
            onNotification?.(message);
          }
        };
      });
      await clientSide.start();
      const meta = { ...REST_ENVELOPE, ...((params._meta as Record<string, unknown> | undefined) ?? {}) };
      await clientSide.send({ jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } });
      const message = (await answered) as { result?: Record<string, unknown>; error?: McpRestAnswer['error'] };
      return { result: message.result, error: message.error, failure: exchange.callFailure, notifications };
    } finally {
      await serving.close().catch(() => undefined);
    }
  }
}
