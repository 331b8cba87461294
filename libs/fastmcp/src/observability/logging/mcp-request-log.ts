import { ConsoleLogger, Inject, Injectable, type LoggerService } from '@nestjs/common';
import type { ServerContext } from '@modelcontextprotocol/server';
import { httpExchangeOf } from '../../common/mcp-http-exchange.js';
import { principalId } from '../../common/principal.js';
import type { McpServeScope } from '../../common/mcp-serve-scope.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../../options/mcp-options.js';
import { McpStdioLogger } from '../../transports/stdio/mcp-stdio.logger.js';
import { MCP_OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../mcp-observability.options.js';
import type { McpOperationTarget } from '../mcp-operation.js';

/** The fields of one request's log line. */
export interface McpRequestLogLine {
  method: string;
  target?: string;
  sessionId?: string;
  requestId: string | number;
  principal?: string;
  era: 'legacy' | 'modern';
  durationMs: number;
  errorType?: string;
}

/**
 * One structured line per MCP request (method, registered target, session, request id,
 * principal, duration, `error.type`), through Nest's `ConsoleLogger` with `json: true`, so log
 * collectors index it without parsing. Arguments are never logged: they may hold secrets and
 * personal data, and traces carry them (redacted) when asked to.
 */
@Injectable()
export class McpRequestLog {
  private readonly logger: LoggerService;

  constructor(@Inject(MCP_OBSERVABILITY_OPTIONS) options: ResolvedObservabilityOptions, @Inject(MCP_OPTIONS) mcp: ResolvedMcpOptions) {
    const json = options.logs?.json ?? true;
    // Over stdio, stdout carries protocol frames only.
    this.logger = mcp.transports.has('stdio') ? new McpStdioLogger('McpRequest', { json }) : new ConsoleLogger('McpRequest', { json });
  }

  write(ctx: ServerContext, scope: McpServeScope, method: string, target: McpOperationTarget, durationMs: number, errorType: string | undefined): void {
    const line: McpRequestLogLine = {
      method,
      target: target.name,
      sessionId: ctx.sessionId,
      requestId: ctx.mcpReq.id,
      principal: principalId(httpExchangeOf(ctx)?.user),
      era: scope.era,
      durationMs: Math.round(durationMs * 1000) / 1000,
      errorType,
    };
    if (errorType === undefined) this.logger.log(line);
    else this.logger.warn(line);
  }
}
