import type { EntitySchemaColumnOptions } from 'typeorm';
import type { McpColumnTypes } from '../database/column-types.js';

/** What every catalog row (tool, resource, prompt) has beside its own identity and schema. */
export interface McpCatalogColumns {
  title: string | null;
  description: string | null;
  /** The rest of the descriptor: annotations, icons, `_meta` … */
  metadata: Record<string, unknown> | null;
  /** Where the handler lives, e.g. `NotesMcp.search`. */
  source: string;
  /** Operators switch entries off here; the server picks the change up and sends list_changed. */
  enabled: boolean;
  /** Whether the running code still declares the entry (rows of removed entries are kept). */
  registered: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The class form of `McpCatalogColumns`, which the catalog entity classes extend. */
export abstract class McpCatalogRow implements McpCatalogColumns {
  title!: string | null;
  description!: string | null;
  metadata!: Record<string, unknown> | null;
  source!: string;
  enabled!: boolean;
  registered!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

export const catalogColumns = (types: McpColumnTypes): Record<keyof McpCatalogColumns, EntitySchemaColumnOptions> => ({
  title: { type: 'varchar', length: 255, nullable: true },
  description: { type: 'text', nullable: true },
  metadata: { type: types.json, nullable: true },
  source: { type: 'varchar', length: 512 },
  enabled: { type: 'boolean' },
  registered: { type: 'boolean' },
  createdAt: { name: 'created_at', type: types.timestamp },
  updatedAt: { name: 'updated_at', type: types.timestamp },
});
