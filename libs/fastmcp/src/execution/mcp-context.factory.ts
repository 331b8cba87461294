import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerContext } from '@modelcontextprotocol/server';
import { McpLogRedactor } from '../auth/hardening/log-redactor.js';
import { McpEvents } from '../events/mcp-events.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../mcp.module-definition.js';
import { mcpHttpRequestScope } from '../transports/mcp-transport-scope.js';
import { McpCallContext, type McpServeScope } from './mcp-call-context.js';
import { McpRequestStateCodec } from './request-state.codec.js';

/** Builds the `McpContext` of each call; one Nest logger per handler name, made once. */
@Injectable()
export class McpContextFactory {
  private readonly loggers = new Map<string, Logger>();

  constructor(
    private readonly events: McpEvents,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly stateCodec: McpRequestStateCodec,
    private readonly redactor: McpLogRedactor,
  ) {}

  create(serverCtx: ServerContext, scope: McpServeScope, handlerName: string, timeoutMs?: number): McpCallContext {
    let logger = this.loggers.get(handlerName);
    if (!logger) {
      logger = new Logger(`Mcp:${handlerName}`);
      this.loggers.set(handlerName, logger);
    }
    return new McpCallContext(serverCtx, scope, mcpHttpRequestScope.getStore(), {
      handlerName,
      logger,
      events: this.events,
      redactor: this.redactor,
      timeoutMs,
      progressIntervalMs: this.options.progressIntervalMs,
      stateCodec: this.stateCodec,
    });
  }
}
