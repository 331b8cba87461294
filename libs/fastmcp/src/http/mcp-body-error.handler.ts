import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { refuseBody } from './body-refusal.js';

/** An error of Express's body parsers (body-parser, through `http-errors`). */
interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

type ErrorMiddleware = (error: BodyParserError, req: IncomingMessage & { path?: string }, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Express's body parsers reject bad bodies before any route runs, and Nest would answer its
 * own error shape. On MCP routes the client expects JSON-RPC (spec: basic, "Error Handling"):
 * -32700 for a body that is not JSON (unparsable, or undecodable: a corrupt gzip or deflate
 * stream), 413 for an oversized body, the parser's own 4xx otherwise. A client's bad body is
 * not a server fault: one warning line, no stack trace. Installed in `onModuleInit`, i.e.
 * after the routes and before Nest's own exception layer.
 */
@Injectable()
export class McpBodyErrorHandler implements OnModuleInit {
  private readonly logger = new Logger('McpHttp');

  /** The installed Express error middleware; the front door checks it is the first in line. */
  readonly middleware: ErrorMiddleware = (error, req, res, next) => {
    const path = req.path ?? '';
    const paths = [this.options.path, this.options.sseMessagesPath];
    if (!paths.some((mcpPath) => path.endsWith(mcpPath)) || !this.answer(error, req, res)) next(error);
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
  answer(error: BodyParserError | undefined, req: IncomingMessage, res: ServerResponse): boolean {
    const { type, status, message = '' } = error ?? {};
    // What body-parser raises carries a `type`, except a failed decompression: a plain 400.
    if (typeof type !== 'string' && !(status === 400 && message)) return false;
    // One line whatever the parser quotes of the body.
    this.logger.warn(`Rejected ${req.method} ${req.url}: ${status ?? 400} ${message.replace(/\s+/g, ' ')}`);
    if (type === 'entity.too.large') refuseBody(req, res, 413, -32600, 'Request body too large');
    else if (type === 'entity.parse.failed') refuseBody(req, res, 400, -32700, `Parse error: ${message}`);
    else if (type === undefined) refuseBody(req, res, 400, -32700, `Parse error: the body could not be decoded (${message})`);
    else refuseBody(req, res, status !== undefined && status >= 400 && status < 500 ? status : 400, -32600, `Invalid request: ${message}`);
    return true;
  }
}
