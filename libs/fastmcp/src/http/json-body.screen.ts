import type { ServerResponse } from 'node:http';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { bodyWasRead, JsonBodyError, readJsonBody } from './json-body.reader.js';
import { sendJsonRpcError } from '../common/json-http-response.js';
import { refuseBody } from './body-refusal.js';
import { tooLarge } from './declared-body.check.js';
import { jsonDepthExceeds } from './json-depth.js';

export interface JsonBodyLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

/**
 * Reads an MCP POST body (when Express has not) and refuses it before any MCP code sees it
 * when it is too large, not JSON, or nested deeper than allowed; answers with a JSON-RPC error
 * (spec: basic, "Error Handling") and returns `false` then. The parsed body stays on `req.body`.
 * A body read already (by Express, or the front door) is screened at once, without a promise.
 */
export function screenJsonBody(req: McpHttpRequest, res: ServerResponse, limits: JsonBodyLimits): boolean | Promise<boolean> {
  // A body Express already parsed was held to Express's own limit only; its declared length
  // still tells whether it breaks ours.
  if (Number(req.headers['content-length'] ?? 0) > limits.maxBytes) {
    const { status, code, message } = tooLarge(limits.maxBytes);
    refuseBody(req, res, status, code, message);
    return false;
  }
  if (bodyWasRead(req)) return screenDepth(req, res, limits);
  return readJsonBody(req, limits.maxBytes).then(
    (body) => {
      req.body = body;
      return screenDepth(req, res, limits);
    },
    (error: unknown) => {
      if (!(error instanceof JsonBodyError)) throw error;
      refuseBody(req, res, error.status, error.code, error.message);
      return false;
    },
  );
}

function screenDepth(req: McpHttpRequest, res: ServerResponse, limits: JsonBodyLimits): boolean {
  if (jsonDepthExceeds(req.body, limits.maxDepth)) {
    sendJsonRpcError(res, 400, -32600, `Invalid request: JSON nested deeper than ${limits.maxDepth} levels`);
    return false;
  }
  return true;
}
