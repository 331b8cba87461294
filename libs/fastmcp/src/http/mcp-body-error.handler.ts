import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { sendJsonRpcError } from '../common/json-http-response.js';

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

type ErrorMiddleware = (error: BodyParserError, req: IncomingMessage & { path?: string }, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Express's JSON parser rejects bad bodies before any route runs, and Nest would answer its
 * own error shape. On MCP routes the client expects JSON-RPC (spec: basic, "Error Handling"):
 * -32700 for unparsable JSON, 413 for an oversized body. Installed in `onModuleInit`, i.e.
 * after the routes and before Nest's own exception layer.
 */
@Injectable()
export class McpBodyErrorHandler implements OnModuleInit {
  private readonly logger = new Logger('McpHttp');

  /** The installed Express error middleware; the front door checks it is the first in line. */
  readonly middleware: ErrorMiddleware = (error, req, res, next) => {
    const path = req.path ?? '';
    const paths = [this.options.path, this.options.sseMessagesPath];
    if (!paths.some((mcpPath) => path.endsWith(mcpPath)) || !this.answer(error, `${req.method} ${path}`, res)) next(error);
  };

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() === 'express') adapter.use(this.middleware);
  }

  /** Answers a body parser's error as JSON-RPC; `false` when `error` is not one. */
  answer(error: BodyParserError | undefined, what: string, res: ServerResponse): boolean {
    if (typeof error?.type !== 'string') return false;
    this.logger.debug(`Rejected ${what}: ${error.message}`);
    if (error.type === 'entity.parse.failed') sendJsonRpcError(res, 400, -32700, `Parse error: ${error.message}`);
    else if (error.type === 'entity.too.large') sendJsonRpcError(res, 413, -32600, 'Request body too large');
    else sendJsonRpcError(res, error.status ?? 400, -32600, `Invalid request: ${error.message}`);
    return true;
  }
}
