import { EntitySchema } from 'typeorm';
import type { McpColumnTypes } from '../database/column-types.js';
import { catalogColumns, type McpCatalogColumns } from './catalog-columns.js';

/** A tool of the catalog. Table `mcp_tools`. */
export class McpToolEntity implements McpCatalogColumns {
  name!: string;
  inputSchema!: Record<string, unknown>;
  outputSchema!: Record<string, unknown> | null;
  title!: string | null;
  description!: string | null;
  metadata!: Record<string, unknown> | null;
  source!: string;
  enabled!: boolean;
  registered!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

export const mcpToolSchema = (types: McpColumnTypes) =>
  new EntitySchema<McpToolEntity>({
    name: 'McpTool',
    target: McpToolEntity,
    tableName: 'mcp_tools',
    columns: {
      name: { type: 'varchar', length: 255, primary: true },
      inputSchema: { name: 'input_schema', type: types.json },
      outputSchema: { name: 'output_schema', type: types.json, nullable: true },
      ...catalogColumns(types),
    },
  });
