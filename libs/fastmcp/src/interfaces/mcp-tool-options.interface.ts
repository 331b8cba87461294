import type { Icon, ToolAnnotations } from '@modelcontextprotocol/server';
import type { McpSchemaInput } from './schema-input.interface.js';

export interface McpToolOptions<I extends McpSchemaInput | undefined = McpSchemaInput | undefined> {
  /** Defaults to the method name. */
  name?: string;
  title?: string;
  description?: string;
  /** Arguments schema: validated before the method runs, published as `inputSchema`. */
  input?: I;
  /** Structured output schema: published as `outputSchema`, results carry `structuredContent`. */
  output?: McpSchemaInput;
  annotations?: ToolAnnotations;
  /** Time limit of one call; the call's signal aborts and the client gets an error. */
  timeoutMs?: number;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
}
