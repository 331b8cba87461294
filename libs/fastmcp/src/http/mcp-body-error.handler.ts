import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { refuseBody } from './body-refusal.js';
import { ExpressHttpPlatform } from './platform/express-http.platform.js';
import { McpHttpPlatformHost } from './platform/mcp-http-platform.host.js';
import type { McpBodyError } from './platform/mcp-http-platform.js';

/**
 * The platform's body parsing (Express's body parsers, Fastify's content-type parsers) rejects
 * bad bodies before any route runs, and Nest would answer its own error shape. On MCP routes the client expects JSON-RPC (spec: basic, "Error Handling"):
 * -32700 for a body that is not JSON (unparsable, or undecodable: a corrupt gzip or deflate
 * stream), 413 for an oversized body, the parser's own 4xx otherwise. A client's bad body is
 * not a server fault: one warning line, no stack trace. Installed in `onModuleInit`, i.e.
 * after the routes and before Nest's own exception layer (`McpHttpPlatform.answerBodyErrors`).
 */
@Injectable()
export class McpBodyErrorHandler implements OnModuleInit {
  private readonly logger = new Logger('McpHttp');

  constructor(
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly platforms: McpHttpPlatformHost,
  ) {}

  /** The error middleware installed on Express (`undefined` elsewhere); the fast path's front door checks it is the first in line. */
  get middleware(): unknown {
    const platform = this.platforms.platform;
    return platform instanceof ExpressHttpPlatform ? platform.bodyErrorMiddleware : undefined;
  }

  onModuleInit(): void {
    if (!this.adapterHost.httpAdapter) return;
    this.platforms.platform.answerBodyErrors([this.options.path, this.options.sseMessagesPath], (error, req, res) => this.answer(error, req, res));
  }

  /** Answers a body parser's error as JSON-RPC; `false` when `error` is not one. */
  answer(error: McpBodyError | undefined, req: IncomingMessage, res: ServerResponse): boolean {
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
