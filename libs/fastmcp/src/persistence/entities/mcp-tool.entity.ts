import { EntitySchema } from 'typeorm';
import type { McpColumnTypes } from '../database/column-types.js';
import { catalogColumns, McpCatalogRow } from './catalog-columns.js';

/**
 * A tool of the catalog. Table `mcp_tools`.
 *
 * @publicApi
 */
export class McpToolEntity extends McpCatalogRow {
  name!: string;
  inputSchema!: Record<string, unknown>;
  outputSchema!: Record<string, unknown> | null;
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
