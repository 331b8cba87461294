import { Logger } from '@nestjs/common';
import type { Implementation, LoggingLevel, Server, ServerContext } from '@modelcontextprotocol/server';
import type { McpLogRedactor } from '../auth/hardening/log-redactor.js';
import type { McpCallerInfo } from '../events/mcp-event-map.js';
import type { McpEvents } from '../events/mcp-events.js';
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

/** What one SDK server instance serves: set when the server is created. */
export interface McpServeScope {
  readonly era: 'legacy' | 'modern';
  readonly transport: McpTransportKind;
  readonly server: Server;
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
    events: McpEvents,
    redactor: McpLogRedactor,
  ) {
    const log = (level: McpLogLevel) => (message: string, raw?: unknown) => {
      const data = raw === undefined ? undefined : redactor.redact(raw);
      logger[NEST_LOG_METHOD[level]](data === undefined ? message : `${message} ${safeJson(data)}`);
      if (events.has('log.emitted')) events.emit('log.emitted', { ...this.callerInfo(), level, logger: loggerName, message, data });
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

  get clientInfo(): Implementation | undefined {
    return this.scope.server.getClientVersion();
  }

  get protocolVersion(): string | undefined {
    return this.scope.server.getNegotiatedProtocolVersion();
  }

  callerInfo(): McpCallerInfo {
    return {
      sessionId: this.sessionId,
      era: this.era,
      transport: this.transport,
      user: this.user,
      clientInfo: this.clientInfo,
      protocolVersion: this.protocolVersion,
    };
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
