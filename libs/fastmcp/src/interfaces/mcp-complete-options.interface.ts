import type { McpContext } from './mcp-context.interface.js';

/**
 * What a completion handler receives (spec: server/utilities/completion).
 *
 * @publicApi
 */
export interface McpCompletionRequest {
  /** The argument (or template variable) being completed. */
  argument: string;
  /** What the user typed so far. */
  value: string;
  /** Arguments the client already resolved, e.g. an earlier prompt argument. */
  arguments: Record<string, string>;
}

/**
 * A completion handler returns candidate values, or the full result shape.
 *
 * @publicApi
 */
export type McpCompletionValues = string[] | { values: string[]; total?: number; hasMore?: boolean };

/** @publicApi */
export type McpCompleter = (request: McpCompletionRequest, ctx: McpContext) => McpCompletionValues | Promise<McpCompletionValues>;

/**
 * `@McpComplete()` targets one argument of a prompt, or one variable of a resource template.
 *
 * @publicApi
 */
export type McpCompleteOptions =
  | { prompt: string; argument: string; resource?: never }
  | { resource: string; argument: string; prompt?: never };
