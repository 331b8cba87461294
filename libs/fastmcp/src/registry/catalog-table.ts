import { McpBootstrapError } from '../errors/mcp-bootstrap-error.js';
import { duplicateItem } from '../errors/mcp.messages.js';

interface Entry {
  readonly key: string;
  readonly source: string;
  enabled: boolean;
}

/**
 * One kind of catalog entry, in registration order so every `* /list` is deterministic.
 * The enabled list is cached: lists are read on every `* /list`, written rarely.
 */
export class CatalogTable<D extends Entry> {
  private readonly entries = new Map<string, D>();
  private enabledCache: readonly D[] | undefined;

  constructor(private readonly noun: string) {}

  add(definition: D): void {
    const existing = this.entries.get(definition.key);
    if (existing) {
      throw new McpBootstrapError(duplicateItem(this.noun, definition.key, existing.source, definition.source));
    }
    this.entries.set(definition.key, definition);
    this.enabledCache = undefined;
  }

  remove(key: string): boolean {
    const removed = this.entries.delete(key);
    if (removed) this.enabledCache = undefined;
    return removed;
  }

  /** Sets the enabled flag; returns whether anything changed. */
  setEnabled(key: string, enabled: boolean): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.enabled === enabled) return false;
    entry.enabled = enabled;
    this.enabledCache = undefined;
    return true;
  }

  get(key: string): D | undefined {
    return this.entries.get(key);
  }

  /** Enabled entries, in registration order. */
  list(): readonly D[] {
    return (this.enabledCache ??= [...this.entries.values()].filter((entry) => entry.enabled));
  }

  all(): IterableIterator<D> {
    return this.entries.values();
  }

  get size(): number {
    return this.entries.size;
  }
}
