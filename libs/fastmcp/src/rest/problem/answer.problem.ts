import type { HttpException } from '@nestjs/common';
import type { McpCallFailure } from '../../common/mcp-call-failure.js';
import { problem, type McpProblem, type McpProblemHeaders } from './problem-details.js';

const INVALID_PARAMS = -32602;
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND = -32601;
const RESOURCE_NOT_FOUND = -32002;

/** What an MCP error or failed tool call becomes on the REST face, and the headers it needs. */
export interface MappedProblem {
  problem: McpProblem;
  headers: McpProblemHeaders;
}

/**
 * A tool call that answered `isError: true`, by why it failed: invalid arguments 400, a guard's
 * 401/403, the throttler's 429 (with `Retry-After`), a timeout 504, the tool's own error 422, an
 * unexpected one 500 (its message already masked by `maskErrors`).
 */
export function problemOfFailure(failure: McpCallFailure | undefined, text: string): MappedProblem {
  if (!failure) return { problem: problem('toolError', 422, text), headers: {} };
  switch (failure.kind) {
    case 'invalid-arguments':
      return { problem: problem('invalidArguments', 400, text, { errors: failure.detail.split('; ').map((detail) => ({ detail, ...pointerOf(detail) })) }), headers: {} };
    case 'timeout':
      return { problem: problem('timeout', 504, failure.detail), headers: {} };
    case 'tool':
      return { problem: problem('toolError', 422, failure.detail || text), headers: {} };
    case 'internal':
      return { problem: problem('internal', 500, failure.detail), headers: {} };
    case 'http':
      return problemOfStatus(failure.status, failure.detail, failure.retryAfterSeconds);
  }
}

/** A JSON-RPC error of the MCP request a REST request stood for. */
export function problemOfRpcError(error: { code: number; message: string; data?: unknown }): MappedProblem {
  const status = (error.data as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number') return problemOfStatus(status, error.message);
  if (error.code === RESOURCE_NOT_FOUND || error.code === METHOD_NOT_FOUND || /\bnot found\b/i.test(error.message)) {
    return { problem: problem('notFound', 404, error.message), headers: {} };
  }
  if (error.code === INVALID_PARAMS) return { problem: problem('invalidArguments', 400, error.message), headers: {} };
  if (error.code === INVALID_REQUEST) return { problem: problem('invalidRequest', 400, error.message), headers: {} };
  return { problem: problem('internal', 500, error.message), headers: {} };
}

/** A refusal of the endpoint's guards, before any MCP request was made. */
export function problemOfHttpException(error: HttpException): MappedProblem {
  const response = error.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return problemOfStatus(error.getStatus(), Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message);
}

function problemOfStatus(status: number, detail: string, retryAfterSeconds?: number): MappedProblem {
  if (status === 401) return { problem: problem('unauthenticated', 401, detail), headers: { 'www-authenticate': 'Bearer' } };
  if (status === 403) return { problem: problem('forbidden', 403, detail), headers: {} };
  if (status === 404) return { problem: problem('notFound', 404, detail), headers: {} };
  if (status === 408 || status === 504) return { problem: problem('timeout', status, detail), headers: {} };
  if (status === 429) return { problem: problem('tooManyRequests', 429, detail), headers: retryAfterSeconds !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) } : {} };
  if (status >= 500) return { problem: problem('internal', status, detail), headers: {} };
  return { problem: problem('invalidRequest', status, detail), headers: {} };
}

/** A JSON pointer to the failing field, when the validation message names its path (`/a/b: …` or `a.b: …`). */
function pointerOf(detail: string): { pointer?: string } {
  const path = /^(\/[^:\s]*|[A-Za-z_$][\w$.[\]]*):/.exec(detail)?.[1];
  if (!path) return {};
  return { pointer: path.startsWith('/') ? `#${path}` : `#/${path.replace(/\[(\d+)\]/g, '.$1').split('.').join('/')}` };
}
