import type { Icon } from '@modelcontextprotocol/server';
import type { McpSchemaInput } from './schema-input.interface.js';

export interface McpPromptOptions<A extends McpSchemaInput | undefined = McpSchemaInput | undefined> {
  /** Defaults to the method name. */
  name?: string;
  title?: string;
  description?: string;
  /** Arguments schema: published as the prompt's `arguments`, validated before the method runs. */
  arguments?: A;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
}
