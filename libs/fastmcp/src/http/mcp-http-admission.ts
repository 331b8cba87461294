import type { ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { sendJsonRpcError } from '../common/json-http-response.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { dnsRebindingViolation } from './dns-rebinding.guard.js';
import { DEFAULT_MAX_JSON_DEPTH } from './json-depth.js';
import { screenJsonBody, type JsonBodyLimits } from './json-body.screen.js';

/**
 * What every MCP HTTP route checks before its transport sees a request: the DNS-rebinding rules
 * (`Host`, `Origin`) and, for a POST, the body's size, syntax and depth. A refused request is
 * answered here, with a JSON-RPC error.
 */
@Injectable()
export class McpHttpAdmission {
  private readonly bodyLimits: JsonBodyLimits;

  constructor(@Inject(MCP_OPTIONS) private readonly options: ResolvedMcpOptions) {
    this.bodyLimits = { maxBytes: options.maxRequestBodySize, maxDepth: options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH };
  }

  /** Whether the request may reach the transport; `false` once it has been answered. */
  admitted(req: McpHttpRequest, res: ServerResponse): boolean {
    const violation = dnsRebindingViolation(req, this.options);
    if (violation) sendJsonRpcError(res, 403, -32000, `Forbidden: ${violation}`);
    return violation === undefined;
  }

  /** Reads and screens a POST body (`screenJsonBody`): at once when it was read already. */
  screened(req: McpHttpRequest, res: ServerResponse): boolean | Promise<boolean> {
    return screenJsonBody(req, res, this.bodyLimits);
  }
}
