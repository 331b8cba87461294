/**
 * Why a tool call answered `isError: true`, as the tools handler knows it: what an HTTP face
 * (the REST routes) needs to choose a status, which the MCP result itself does not say.
 */
export type McpCallFailure =
  /** The arguments failed the tool's input schema (`detail`: the validation message). */
  | { readonly kind: 'invalid-arguments'; readonly detail: string }
  /** The tool ran past its timeout. */
  | { readonly kind: 'timeout'; readonly detail: string }
  /** An `HttpException` (a guard, a pipe, the throttler…) with its status; `retryAfterSeconds` when it says. */
  | { readonly kind: 'http'; readonly status: number; readonly detail: string; readonly retryAfterSeconds?: number }
  /** The tool's own error: an `McpUserError`, or an `isError` result it returned. */
  | { readonly kind: 'tool'; readonly detail: string }
  /** Anything unexpected (its message masked with `maskErrors`). */
  | { readonly kind: 'internal'; readonly detail: string };
