import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerContext } from '@modelcontextprotocol/server';
import { McpLogRedactor } from '../redaction/log-redactor.js';
import { McpEvents } from '../events/mcp-events.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { httpExchangeOf } from '../common/mcp-http-exchange.js';
import { McpCallContext, type McpCallSettings } from './mcp-call-context.js';
import { type McpServeScope } from '../common/mcp-serve-scope.js';
import type { McpRound } from './request-round.js';
import { McpRequestStateCodec } from './request-state.codec.js';

/** Builds the `McpContext` of each call; the settings of a handler (its Nest logger...) are made once. */
@Injectable()
export class McpContextFactory {
  private readonly settings = new Map<string, McpCallSettings>();

  constructor(
    private readonly events: McpEvents,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly stateCodec: McpRequestStateCodec,
    private readonly redactor: McpLogRedactor,
  ) {}

  create(serverCtx: ServerContext, scope: McpServeScope, handlerName: string, timeoutMs?: number, round?: McpRound): McpCallContext {
    const key = timeoutMs === undefined ? handlerName : `${handlerName}\u0000${timeoutMs}`;
    let settings = this.settings.get(key);
    if (!settings) {
      settings = {
        handlerName,
        logger: new Logger(`Mcp:${handlerName}`),
        events: this.events,
        redactor: this.redactor,
        timeoutMs,
        progressIntervalMs: this.options.progressIntervalMs,
        stateCodec: this.stateCodec,
      };
      this.settings.set(key, settings);
    }
    return new McpCallContext(serverCtx, scope, httpExchangeOf(serverCtx), settings, round);
  }
}
