import { EntitySchema } from 'typeorm';
import type { McpColumnTypes } from '../database/column-types.js';
import { catalogColumns, McpCatalogRow } from './catalog-columns.js';

/**
 * A fixed resource (keyed by URI) or a resource template (keyed by name). Table `mcp_resources`.
 *
 * @publicApi
 */
export class McpResourceEntity extends McpCatalogRow {
  kind!: 'resource' | 'template';
  /** The URI of a fixed resource, the name of a template: the registry's key. */
  key!: string;
  name!: string;
  uri!: string | null;
  uriTemplate!: string | null;
  mimeType!: string | null;
}

export const mcpResourceSchema = (types: McpColumnTypes) =>
  new EntitySchema<McpResourceEntity>({
    name: 'McpResource',
    target: McpResourceEntity,
    tableName: 'mcp_resources',
    columns: {
      kind: { type: 'varchar', length: 16, primary: true },
      key: { type: 'varchar', length: 1024, primary: true },
      name: { type: 'varchar', length: 255 },
      uri: { type: 'varchar', length: 1024, nullable: true },
      uriTemplate: { name: 'uri_template', type: 'varchar', length: 1024, nullable: true },
      mimeType: { name: 'mime_type', type: 'varchar', length: 255, nullable: true },
      ...catalogColumns(types),
    },
  });
