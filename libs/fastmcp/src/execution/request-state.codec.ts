import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRequestStateCodec, type RequestStateCodec, type ServerContext } from '@modelcontextprotocol/server';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../mcp.module-definition.js';
import { principalKey } from '../server/mcp-session-manager.js';
import { httpExchangeOf } from '../transports/mcp-http-exchange.js';

/** Client answers gathered over the rounds of one multi-round-trip request. */
export interface McpRoundState {
  answers: Record<string, unknown>;
}

/**
 * Seals the answers a 2026-07-28 handler already received into `requestState` (HMAC-SHA256,
 * bound to the method and the principal), because the client only echoes the latest round's
 * responses. The spec requires integrity protection for state the client carries
 * (basic/patterns/mrtr, server requirements 4–5).
 */
@Injectable()
export class McpRequestStateCodec {
  readonly codec: RequestStateCodec<McpRoundState>;

  constructor(@Inject(MCP_OPTIONS) options: ResolvedMcpOptions) {
    let key = options.requestStateSecret;
    if (!key) {
      key = randomBytes(32).toString('base64');
      if (options.transports.has('streamable-http')) {
        new Logger('McpModule').debug('No requestStateSecret: multi-round-trip state only verifies on this instance');
      }
    }
    this.codec = createRequestStateCodec<McpRoundState>({
      key,
      ttlSeconds: 600,
      bind: (ctx: ServerContext) => `${ctx.mcpReq.method}\u0000${String(principalKey(httpExchangeOf(ctx)?.user) ?? '')}`,
    });
  }
}
