import type { FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { McpCatalogKind } from '../../common/mcp-catalog.types.js';
import type { McpRegistry } from '../../registry/mcp-registry.js';
import type { McpCatalogColumns } from '../entities/catalog-columns.js';
import { McpPromptEntity } from '../entities/mcp-prompt.entity.js';
import { McpResourceEntity } from '../entities/mcp-resource.entity.js';
import { McpToolEntity } from '../entities/mcp-tool.entity.js';

/** A catalog row without the columns the sync manages itself. */
export type DescribedRow<E> = Omit<E, keyof Pick<McpCatalogColumns, 'enabled' | 'registered' | 'createdAt' | 'updatedAt'>>;

interface Definition {
  readonly key: string;
  readonly source: string;
  readonly enabled: boolean;
  readonly descriptor: object;
}

/** How one kind of registry entry maps to its table. */
export interface CatalogBinding<E extends ObjectLiteral & McpCatalogColumns = ObjectLiteral & McpCatalogColumns> {
  readonly kind: McpCatalogKind;
  readonly entity: new () => E;
  /** Restricts a table shared by two kinds (fixed resources and templates) to this one. */
  readonly scope: FindOptionsWhere<E>;
  definitions(registry: McpRegistry): Iterable<Definition>;
  keyOf(row: E): string;
  keyColumns(key: string): FindOptionsWhere<E>;
  describe(definition: Definition): DescribedRow<E>;
  setEnabled(registry: McpRegistry, key: string, enabled: boolean): void;
}

/** The descriptor fields that have no column of their own, or null when there are none. */
function metadataOf(descriptor: object, columns: readonly string[]): Record<string, unknown> | null {
  const rest = Object.entries(descriptor).filter(([key, value]) => !columns.includes(key) && value !== undefined);
  return rest.length > 0 ? Object.fromEntries(rest) : null;
}

type Described = { name: string; title?: string; description?: string };

const tools: CatalogBinding<McpToolEntity> = {
  kind: 'tool',
  entity: McpToolEntity,
  scope: {},
  definitions: (registry) => registry.tools.all(),
  keyOf: (row) => row.name,
  keyColumns: (name) => ({ name }),
  describe: ({ descriptor, source }) => {
    const tool = descriptor as Described & { inputSchema: Record<string, unknown>; outputSchema?: Record<string, unknown> };
    return {
      name: tool.name,
      title: tool.title ?? null,
      description: tool.description ?? null,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema ?? null,
      metadata: metadataOf(tool, ['name', 'title', 'description', 'inputSchema', 'outputSchema']),
      source,
    };
  },
  setEnabled: (registry, key, enabled) => registry.setToolEnabled(key, enabled),
};

function resourceBinding(kind: 'resource' | 'resourceTemplate'): CatalogBinding<McpResourceEntity> {
  const rowKind = kind === 'resource' ? 'resource' : 'template';
  return {
    kind,
    entity: McpResourceEntity,
    scope: { kind: rowKind },
    definitions: (registry) => (kind === 'resource' ? registry.resources.all() : registry.resourceTemplates.all()),
    keyOf: (row) => row.key,
    keyColumns: (key) => ({ kind: rowKind, key }),
    describe: ({ key, descriptor, source }) => {
      const resource = descriptor as Described & { uri?: string; uriTemplate?: string; mimeType?: string };
      return {
        kind: rowKind,
        key,
        name: resource.name,
        uri: resource.uri ?? null,
        uriTemplate: resource.uriTemplate ?? null,
        mimeType: resource.mimeType ?? null,
        title: resource.title ?? null,
        description: resource.description ?? null,
        metadata: metadataOf(resource, ['name', 'title', 'description', 'uri', 'uriTemplate', 'mimeType']),
        source,
      };
    },
    setEnabled: (registry, key, enabled) => registry.setResourceEnabled(key, enabled),
  };
}

const prompts: CatalogBinding<McpPromptEntity> = {
  kind: 'prompt',
  entity: McpPromptEntity,
  scope: {},
  definitions: (registry) => registry.prompts.all(),
  keyOf: (row) => row.name,
  keyColumns: (name) => ({ name }),
  describe: (definition) => {
    const prompt = definition.descriptor as Described & { arguments?: McpPromptEntity['arguments'] };
    const args = (definition as { args?: { jsonSchema: Record<string, unknown> } }).args;
    return {
      name: prompt.name,
      title: prompt.title ?? null,
      description: prompt.description ?? null,
      arguments: prompt.arguments ?? null,
      argumentsSchema: args?.jsonSchema ?? null,
      metadata: metadataOf(prompt, ['name', 'title', 'description', 'arguments']),
      source: definition.source,
    };
  },
  setEnabled: (registry, key, enabled) => registry.setPromptEnabled(key, enabled),
};

export const CATALOG_BINDINGS = [tools, resourceBinding('resource'), resourceBinding('resourceTemplate'), prompts] as unknown as readonly CatalogBinding[];
