import { Injectable } from '@nestjs/common';
import type { McpCatalogKind } from '../../common/mcp-catalog.types.js';
import { McpRegistry } from '../../registry/mcp-registry.js';

/** One catalog entry as the admin page shows it. */
export interface AdminCatalogItem {
  kind: McpCatalogKind;
  /** The registry key: the name, or a fixed resource's URI. */
  key: string;
  title: string | null;
  description: string | null;
  /** A resource's URI or a template's URI template. */
  uri: string | null;
  /** Where the handler lives, e.g. `CalcService.add`. */
  source: string;
  enabled: boolean;
}

export const CATALOG_KINDS: readonly McpCatalogKind[] = ['tool', 'resource', 'resourceTemplate', 'prompt'];

/**
 * The registry's catalog, disabled entries included, and the switch that turns one on or off.
 * The registry tells connected clients (`notifications/.../list_changed`) through `McpNotifier`.
 */
@Injectable()
export class AdminCatalogView {
  constructor(private readonly registry: McpRegistry) {}

  list(): AdminCatalogItem[] {
    const items: AdminCatalogItem[] = [];
    for (const tool of this.registry.tools.all()) items.push(this.item('tool', tool, tool.descriptor, null));
    for (const resource of this.registry.resources.all()) items.push(this.item('resource', resource, resource.descriptor, resource.descriptor.uri));
    for (const template of this.registry.resourceTemplates.all()) items.push(this.item('resourceTemplate', template, template.descriptor, template.descriptor.uriTemplate));
    for (const prompt of this.registry.prompts.all()) items.push(this.item('prompt', prompt, prompt.descriptor, null));
    return items;
  }

  /** Whether the entry exists; enabling an enabled entry is not an error (and notifies no one). */
  setEnabled(kind: McpCatalogKind, key: string, enabled: boolean): boolean {
    switch (kind) {
      case 'tool':
        if (!this.registry.tools.get(key)) return false;
        this.registry.setToolEnabled(key, enabled);
        return true;
      case 'resource':
      case 'resourceTemplate': {
        const table = kind === 'resource' ? this.registry.resources : this.registry.resourceTemplates;
        if (!table.get(key)) return false;
        // The registry finds a fixed resource by URI first, then a template by name.
        this.registry.setResourceEnabled(key, enabled);
        return true;
      }
      case 'prompt':
        if (!this.registry.prompts.get(key)) return false;
        this.registry.setPromptEnabled(key, enabled);
        return true;
    }
  }

  private item(
    kind: McpCatalogKind,
    definition: { key: string; source: string; enabled: boolean },
    descriptor: { title?: string; description?: string },
    uri: string | null,
  ): AdminCatalogItem {
    return {
      kind,
      key: definition.key,
      title: descriptor.title ?? null,
      description: descriptor.description ?? null,
      uri,
      source: definition.source,
      enabled: definition.enabled,
    };
  }
}
