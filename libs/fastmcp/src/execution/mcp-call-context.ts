import { Logger } from '@nestjs/common';
import type { LoggingLevel, ServerContext } from '@modelcontextprotocol/server';
import type { McpTransportKind } from '../interfaces/mcp-module-options.interface.js';
import type { McpContext, McpHttpRequest, McpLogger, McpLogLevel } from './mcp-context.js';

const NEST_LOG_METHOD: Record<McpLogLevel, 'debug' | 'log' | 'warn' | 'error'> = {
  debug: 'debug',
  info: 'log',
  notice: 'log',
  warning: 'warn',
  error: 'error',
  critical: 'error',
  alert: 'error',
  emergency: 'error',
};

export interface McpServeScope {
  readonly era: 'legacy' | 'modern';
  readonly transport: McpTransportKind;
}

/** The `McpContext` of one MCP request, a thin view over the SDK's handler context. */
export class McpCallContext implements McpContext {
  readonly log: McpLogger;

  constructor(
    private readonly serverCtx: ServerContext,
    private readonly scope: McpServeScope,
    readonly request: McpHttpRequest | undefined,
    logger: Logger,
    loggerName: string,
  ) {
    const log = (level: McpLogLevel) => (message: string, data?: unknown) => {
      logger[NEST_LOG_METHOD[level]](data === undefined ? message : `${message} ${safeJson(data)}`);
      // The SDK filters by the level the client asked for (logging/setLevel, or the
      // 2026-07-28 `_meta` log level, without which nothing is sent).
      this.serverCtx.mcpReq.log(level as LoggingLevel, data === undefined ? message : { message, data }, loggerName).catch(() => undefined);
    };
    this.log = { debug: log('debug'), info: log('info'), notice: log('notice'), warning: log('warning'), error: log('error') };
  }

  get sessionId(): string | undefined {
    return this.serverCtx.sessionId;
  }

  get requestId(): string | number {
    return this.serverCtx.mcpReq.id;
  }

  get method(): string {
    return this.serverCtx.mcpReq.method;
  }

  get era(): 'legacy' | 'modern' {
    return this.scope.era;
  }

  get transport(): McpTransportKind {
    return this.scope.transport;
  }

  get signal(): AbortSignal {
    return this.serverCtx.mcpReq.signal;
  }

  get user(): unknown {
    return this.request?.user;
  }

  get meta(): Readonly<Record<string, unknown>> | undefined {
    return this.serverCtx.mcpReq._meta as Record<string, unknown> | undefined;
  }

  async reportProgress(progress: number, total?: number, message?: string): Promise<void> {
    const progressToken = this.serverCtx.mcpReq._meta?.progressToken;
    if (progressToken === undefined) return;
    await this.serverCtx.mcpReq.notify({
      method: 'notifications/progress',
      params: { progressToken, progress, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}) },
    });
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
