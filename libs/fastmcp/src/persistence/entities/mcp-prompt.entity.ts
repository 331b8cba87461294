import { EntitySchema } from 'typeorm';
import type { PromptArgument } from '@modelcontextprotocol/server';
import type { McpColumnTypes } from '../database/column-types.js';
import { catalogColumns, type McpCatalogColumns } from './catalog-columns.js';

/** A prompt of the catalog. Table `mcp_prompts`. */
export class McpPromptEntity implements McpCatalogColumns {
  name!: string;
  /** The published arguments (`prompts/list`). */
  arguments!: PromptArgument[] | null;
  /** The JSON Schema the arguments are validated against. */
  argumentsSchema!: Record<string, unknown> | null;
  title!: string | null;
  description!: string | null;
  metadata!: Record<string, unknown> | null;
  source!: string;
  enabled!: boolean;
  registered!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
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
