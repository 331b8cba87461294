import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { McpCatalogKind } from '../../common/mcp-catalog.types.js';
import { McpRegistry } from '../../registry/mcp-registry.js';
import { McpDatabase } from '../database/mcp-database.js';
import { MCP_PERSISTENCE_OPTIONS, type ResolvedPersistenceOptions } from '../mcp-persistence.module-definition.js';
import { CATALOG_BINDINGS, type CatalogBinding } from './catalog-bindings.js';

/**
 * Keeps the catalog tables and the registry in step. At bootstrap the registry's entries are
 * written (descriptors refreshed, an operator's `enabled = false` kept and applied); later,
 * changes to `enabled` made in the database are picked up by polling (or `refresh()`) and
 * applied through the registry, which sends list_changed; entries the app adds, removes or
 * toggles at runtime are written back. Only *changes* cross over (each side is compared with
 * the last value both agreed on), so a toggle made on either side is never undone by a stale
 * read of the other.
 *
 * @publicApi
 */
@Injectable()
export class McpCatalogSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('McpCatalogSync');
  /** The last `enabled` value the database and the registry agreed on, per entry. */
  private readonly agreed = new Map<string, boolean>();
  /** Catalog work runs one step at a time. */
  private tail: Promise<unknown> = Promise.resolve();
  private poller?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private pollFailing = false;

  constructor(
    private readonly registry: McpRegistry,
    private readonly database: McpDatabase,
    @Inject(MCP_PERSISTENCE_OPTIONS) private readonly options: ResolvedPersistenceOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.catalog.sync) return;
    await this.serialized(() => this.reconcileAll(true));
    this.unsubscribe = this.registry.onChange((kind) => void this.serialized(() => this.reconcileKind(kind)));
    const interval = this.options.catalog.pollIntervalMs;
    if (interval > 0) {
      this.poller = setInterval(() => void this.refresh(), interval);
      this.poller.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.poller);
    this.unsubscribe?.();
    await this.tail;
  }

  /** Applies `enabled` toggles made in the database now, instead of at the next poll. */
  refresh(): Promise<void> {
    return this.serialized(async () => {
      try {
        for (const binding of CATALOG_BINDINGS) await this.pullToggles(binding);
        if (this.pollFailing) this.logger.log('Catalog polling works again');
        this.pollFailing = false;
      } catch (error) {
        if (!this.pollFailing) this.logger.warn(`Catalog polling failed: ${(error as Error).message}`);
        this.pollFailing = true;
      }
    });
  }

  private serialized<T>(step: () => Promise<T>): Promise<T> {
    const next = this.tail.then(step, step);
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async reconcileAll(databaseWins: boolean): Promise<void> {
    for (const binding of CATALOG_BINDINGS) await this.reconcile(binding, databaseWins);
  }

  private async reconcileKind(kind: McpCatalogKind): Promise<void> {
    const binding = CATALOG_BINDINGS.find((candidate) => candidate.kind === kind)!;
    try {
      await this.reconcile(binding, false);
    } catch (error) {
      this.logger.warn(`Writing the ${kind} catalog failed: ${(error as Error).message}`);
    }
  }

  /**
   * Writes the registry's entries of one kind. At bootstrap (`databaseWins`) an existing row's
   * `enabled` is applied to the registry; afterwards the registry's own changes are written.
   */
  private async reconcile(binding: CatalogBinding, databaseWins: boolean): Promise<void> {
    const repository = this.database.dataSource.getRepository(binding.entity);
    const rows = new Map((await repository.findBy(binding.scope)).map((row) => [binding.keyOf(row), row]));
    const now = new Date();
    for (const definition of binding.definitions(this.registry)) {
      const id = `${binding.kind}:${definition.key}`;
      const row = rows.get(definition.key);
      rows.delete(definition.key);
      const described = binding.describe(definition);
      if (!row) {
        await repository.insert({ ...described, enabled: definition.enabled, registered: true, createdAt: now, updatedAt: now } as never);
        this.agreed.set(id, definition.enabled);
        continue;
      }
      let enabled = row.enabled;
      if (databaseWins) {
        this.agreed.set(id, row.enabled);
        if (definition.enabled !== row.enabled) binding.setEnabled(this.registry, definition.key, row.enabled);
      } else if (definition.enabled !== this.agreed.get(id)) {
        enabled = definition.enabled;
        this.agreed.set(id, enabled);
      }
      const changed = enabled !== row.enabled || !row.registered || !sameDescription(row, described);
      if (changed) await repository.update(binding.keyColumns(definition.key), { ...described, enabled, registered: true, updatedAt: now } as never);
    }
    // Rows of entries the code no longer declares stay, marked, for the record.
    for (const [key, row] of rows) {
      this.agreed.delete(`${binding.kind}:${key}`);
      if (row.registered) await repository.update(binding.keyColumns(key), { registered: false, updatedAt: now } as never);
    }
  }

  /** Applies the `enabled` values that changed in the database since they were last agreed. */
  private async pullToggles(binding: CatalogBinding): Promise<void> {
    const rows = await this.database.dataSource.getRepository(binding.entity).findBy(binding.scope);
    for (const row of rows) {
      const key = binding.keyOf(row);
      const id = `${binding.kind}:${key}`;
      const agreed = this.agreed.get(id);
      if (agreed === undefined || agreed === row.enabled) continue;
      // Agreed first: the registry's change notification must not write the value back.
      this.agreed.set(id, row.enabled);
      binding.setEnabled(this.registry, key, row.enabled);
      this.logger.log(`${binding.kind} "${key}" ${row.enabled ? 'enabled' : 'disabled'} from the database`);
    }
  }
}

function sameDescription(row: object, described: object): boolean {
  const stored = row as Record<string, unknown>;
  return Object.entries(described).every(([column, value]) => stableJson(stored[column]) === stableJson(value));
}

/** JSON with sorted keys: PostgreSQL's jsonb does not keep the order they were written in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
