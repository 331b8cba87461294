import type { McpContext } from '../interfaces/mcp-context.interface.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';

/**
 * Where the values of an MCP call sit in the arguments of its `ExecutionContext`: the places
 * Nest's HTTP contexts use for the request, the response and `next`, then the call's own.
 * So `context.switchToHttp().getRequest()` in a guard, interceptor, pipe, filter or param
 * decorator written for controllers is the real HTTP request the call arrived on (headers,
 * `req.user`), never anything the client put in the arguments; `McpExecutionContext` reads
 * the arguments and the `McpContext`.
 */
export const MCP_CALL_ARGUMENT = {
  request: 0,
  response: 1,
  next: 2,
  args: 3,
  context: 4,
} as const;

/** The HTTP side of a call's context (`McpCallContext`): what `switchToHttp()` gives. */
interface HttpFace {
  readonly httpRequest: McpHttpRequest;
  readonly httpResponse: unknown;
}

/** What a call that came without HTTP (stdio) shows as its request: no headers, no user. */
export function requestWithoutHttp(): McpHttpRequest {
  return { headers: {} } as McpHttpRequest;
}

/** The arguments of one call's `ExecutionContext`, in the order {@link MCP_CALL_ARGUMENT} gives. */
export function mcpCallArguments(args: unknown, ctx: McpContext): unknown[] {
  const face = ctx as Partial<HttpFace>;
  return 'httpRequest' in face ? [face.httpRequest, face.httpResponse, undefined, args, ctx] : [ctx.request ?? requestWithoutHttp(), undefined, undefined, args, ctx];
}
