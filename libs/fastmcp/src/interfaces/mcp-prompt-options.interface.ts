import type { Icon } from '@modelcontextprotocol/server';
import type { McpCompleter } from './mcp-complete-options.interface.js';
import type { McpSchemaInput, McpUnknownProperties } from './schema-input.interface.js';

/** @publicApi */
export interface McpPromptOptions<A extends McpSchemaInput | undefined = McpSchemaInput | undefined> {
  /** Defaults to the method name. */
  name?: string;
  title?: string;
  description?: string;
  /** Arguments schema: published as the prompt's `arguments`, validated before the method runs. */
  arguments?: A;
  /** Arguments a DTO `arguments` does not declare: `'reject'` (default), `'strip'` or `'allow'`. */
  unknownArguments?: McpUnknownProperties;
  icons?: Icon[];
  /** Completion handlers per argument; enum arguments complete without one. */
  complete?: Record<string, McpCompleter>;
  _meta?: Record<string, unknown>;
}
