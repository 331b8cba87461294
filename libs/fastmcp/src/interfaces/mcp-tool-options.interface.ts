import type { Icon, ToolAnnotations } from '@modelcontextprotocol/server';
import type { McpTaskSupport, McpToolTaskOptions } from './mcp-task-options.interface.js';
import type { McpSchemaInput, McpUnknownProperties } from './schema-input.interface.js';

/** @publicApi */
export interface McpToolOptions<I extends McpSchemaInput | undefined = McpSchemaInput | undefined> {
  /** Defaults to the method name. */
  name?: string;
  title?: string;
  description?: string;
  /** Arguments schema: validated before the method runs, published as `inputSchema`. */
  input?: I;
  /**
   * Arguments a DTO `input` does not declare: `'reject'` (default: the call fails naming them,
   * and `inputSchema` says `additionalProperties: false`), `'strip'` or `'allow'`. A zod (or other
   * Standard Schema) input decides for itself.
   */
  unknownArguments?: McpUnknownProperties;
  /** Structured output schema: published as `outputSchema`, results carry `structuredContent`. */
  output?: McpSchemaInput;
  annotations?: ToolAnnotations;
  /** Time limit of one call; the call's signal aborts and the client gets an error. */
  timeoutMs?: number;
  /**
   * Lets long calls run as tasks the client polls (spec 2025-11-25 tasks; the 2026-07-28
   * `io.modelcontextprotocol/tasks` extension): `'optional'`, `'required'`, or the options
   * object. Default `'forbidden'`. Cancelling the task aborts `ctx.signal`.
   */
  task?: McpTaskSupport | McpToolTaskOptions;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
}
