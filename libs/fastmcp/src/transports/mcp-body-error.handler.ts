import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../mcp.module-definition.js';
import { sendJsonRpcError } from './json-http-response.js';

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * Express's JSON parser rejects bad bodies before any route runs, and Nest would answer its
 * own error shape. On MCP routes the client expects JSON-RPC (spec: basic, "Error Handling"):
 * -32700 for unparsable JSON, 413 for an oversized body. Installed in `onModuleInit`, i.e.
 * after the routes and before Nest's own exception layer.
 */
@Injectable()
export class McpBodyErrorHandler implements OnModuleInit {
  private readonly logger = new Logger('McpHttp');

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'express') return;
    const paths = [this.options.path, this.options.sseMessagesPath];
    adapter.use((error: BodyParserError, req: IncomingMessage & { path?: string }, res: ServerResponse, next: (error?: unknown) => void) => {
      const path = req.path ?? '';
      if (!paths.some((mcpPath) => path.endsWith(mcpPath)) || typeof error?.type !== 'string') return next(error);
      this.logger.debug(`Rejected ${req.method} ${path}: ${error.message}`);
      if (error.type === 'entity.parse.failed') return sendJsonRpcError(res, 400, -32700, `Parse error: ${error.message}`);
      if (error.type === 'entity.too.large') return sendJsonRpcError(res, 413, -32600, 'Request body too large');
      return sendJsonRpcError(res, error.status ?? 400, -32600, `Invalid request: ${error.message}`);
    });
  }
}
