import type { ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { screenJsonBody, type JsonBodyLimits } from './json-body.screen.js';
import { DEFAULT_MAX_JSON_DEPTH } from './json-depth.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { dnsRebindingViolation } from './dns-rebinding.guard.js';
import { sendJsonRpcError } from '../common/json-http-response.js';
import { SseAdapter } from '../transports/sse/sse.adapter.js';
import { StreamableHttpAdapter } from '../transports/streamable-http/streamable-http.adapter.js';

/** A request answered with nothing left to wait for. */
const DONE = Promise.resolve();

/**
 * What each MCP HTTP route does once a request reaches it: the DNS-rebinding check, the body
 * screen, then the transport. Shared by the Nest controller and the Express front door, so
 * both answer alike.
 */
@Injectable()
export class McpHttpEndpoint {
  private readonly bodyLimits: JsonBodyLimits;

  constructor(
    private readonly streamable: StreamableHttpAdapter,
    private readonly sse: SseAdapter,
    @Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions,
  ) {
    this.bodyLimits = { maxBytes: options.maxRequestBodySize, maxDepth: options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH };
  }

  /** Not `async`: a body screened at once goes on without a turn of the microtask queue. */
  post(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    try {
      if (!this.admitted(req, res)) return DONE;
      const screened = screenJsonBody(req, res, this.bodyLimits);
      if (screened === true) return this.streamable.handle(req, res);
      if (screened === false) return DONE;
      return screened.then((passed) => (passed ? this.streamable.handle(req, res) : undefined));
    } catch (error) {
      // What an `async` method would do: callers handle a rejection, not a throw.
      return Promise.reject(error);
    }
  }

  /** GET (the standalone SSE stream) and DELETE (session end) of the Streamable HTTP endpoint. */
  async serve(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    if (this.admitted(req, res)) return this.streamable.handle(req, res);
  }

  async openSse(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    if (this.admitted(req, res)) return this.sse.open(req, res);
  }

  async postSseMessage(req: McpHttpRequest, res: ServerResponse): Promise<void> {
    if (this.admitted(req, res) && (await screenJsonBody(req, res, this.bodyLimits))) return this.sse.post(req, res);
  }

  private admitted(req: McpHttpRequest, res: ServerResponse): boolean {
    const violation = dnsRebindingViolation(req, this.options);
    if (violation) sendJsonRpcError(res, 403, -32000, `Forbidden: ${violation}`);
    return violation === undefined;
  }
}
