import { EntitySchema } from 'typeorm';
import type { PromptArgument } from '@modelcontextprotocol/server';
import type { McpColumnTypes } from '../database/column-types.js';
import { catalogColumns, McpCatalogRow } from './catalog-columns.js';

/**
 * A prompt of the catalog. Table `mcp_prompts`.
 *
 * @publicApi
 */
export class McpPromptEntity extends McpCatalogRow {
  name!: string;
  /** The published arguments (`prompts/list`). */
  arguments!: PromptArgument[] | null;
  /** The JSON Schema the arguments are validated against. */
  argumentsSchema!: Record<string, unknown> | null;
}

export const mcpPromptSchema = (types: McpColumnTypes) =>
  new EntitySchema<McpPromptEntity>({
    name: 'McpPrompt',
    target: McpPromptEntity,
    tableName: 'mcp_prompts',
    columns: {
      name: { type: 'varchar', length: 255, primary: true },
      arguments: { type: types.json, nullable: true },
      argumentsSchema: { name: 'arguments_schema', type: types.json, nullable: true },
      ...catalogColumns(types),
    },
  });
