import type { ServerResponse } from 'node:http';

/**
 * An RFC 9457 problem: `type` names the class of problem (a URN of this library), `title` says
 * it in words, `detail` this occurrence; `errors` lists failing fields of invalid input.
 *
 * @publicApi
 */
export interface McpProblem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { detail: string; pointer?: string }[];
}

/** Headers a problem is sent with (`Retry-After`, `WWW-Authenticate`). */
export type McpProblemHeaders = Record<string, string>;

export const PROBLEM_TYPES = {
  invalidArguments: ['urn:nestjs-fastmcp:problem:invalid-arguments', 'Invalid arguments'],
  invalidRequest: ['urn:nestjs-fastmcp:problem:invalid-request', 'Invalid request'],
  unauthenticated: ['urn:nestjs-fastmcp:problem:unauthenticated', 'Authentication required'],
  forbidden: ['urn:nestjs-fastmcp:problem:forbidden', 'Forbidden'],
  notFound: ['urn:nestjs-fastmcp:problem:not-found', 'Not found'],
  timeout: ['urn:nestjs-fastmcp:problem:timeout', 'Timed out'],
  toolError: ['urn:nestjs-fastmcp:problem:tool-error', 'The tool reported an error'],
  tooManyRequests: ['urn:nestjs-fastmcp:problem:rate-limited', 'Too many requests'],
  internal: ['urn:nestjs-fastmcp:problem:internal', 'Internal error'],
} as const;

export type McpProblemKind = keyof typeof PROBLEM_TYPES;

export function problem(kind: McpProblemKind, status: number, detail?: string, extra: Partial<McpProblem> = {}): McpProblem {
  const [type, title] = PROBLEM_TYPES[kind];
  return { type, title, status, ...(detail ? { detail } : {}), ...extra };
}

/** Writes `problem` as `application/problem+json` (RFC 9457 §3). */
export function sendProblem(res: ServerResponse, value: McpProblem, headers: McpProblemHeaders = {}, instance?: string): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify(instance && !value.instance ? { ...value, instance } : value);
  // A header already set (a guard's richer `WWW-Authenticate`) is kept.
  const fresh = Object.fromEntries(Object.entries(headers).filter(([name]) => !res.hasHeader(name)));
  res.writeHead(value.status, { ...fresh, 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body) }).end(body);
}

/** Writes a JSON answer. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}
