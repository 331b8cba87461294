import type { EntityMetadata } from 'typeorm';
import { storableJson, storableText, truncated } from './value-sanitizer.js';

type ColumnMetadata = EntityMetadata['columns'][number];

interface ColumnRule {
  readonly property: string;
  /** `varchar(n)`: longer values are cut. */
  readonly maxLength?: number;
  readonly json: boolean;
}

/** What a salvaged row's free-form JSON becomes: the row keeps its call, not its payload. */
const UNSTORABLE = { unstorable: true };
const UNSTORABLE_TEXT = '[unstorable]';

/**
 * Makes a row of one table storable before it is written, so one client's hostile value (a
 * JSON-RPC id longer than its column, NUL in an argument, a lone surrogate in a client name)
 * neither fails the batch it travels in nor loses its own row. Every client-supplied string
 * column is cut to its length and stripped of what PostgreSQL refuses; JSON columns are
 * walked. A row that changed gets `sanitized: true`. The same rules run on SQLite, which would
 * accept most of these values, so both databases store the same thing.
 */
export class RowSanitizer {
  private readonly rules: ColumnRule[];

  constructor(metadata: EntityMetadata) {
    this.rules = metadata.columns.filter((column) => column.isInsert && !column.isVirtual).flatMap((column) => ruleOf(column) ?? []);
  }

  /** Cleans `row` in place (rows are the writer's own) and sets its `sanitized` flag. */
  clean<T extends object>(row: T): T {
    const values = row as Record<string, unknown>;
    let changed = values.sanitized === true;
    for (const rule of this.rules) {
      const value = values[rule.property];
      if (value === null || value === undefined) continue;
      const clean = rule.json ? storableJson(value) : typeof value === 'string' ? this.text(value, rule) : value;
      if (clean !== value) {
        values[rule.property] = clean;
        changed = true;
      }
    }
    values.sanitized = changed;
    return row;
  }

  /**
   * The last resort for a row the database refused even clean (nothing known does this): JSON
   * replaced by a marker, text by a placeholder, so the call still has its row.
   */
  salvage<T extends object>(row: T): T {
    const values = { ...(row as Record<string, unknown>) };
    for (const rule of this.rules) {
      const value = values[rule.property];
      if (value === null || value === undefined) continue;
      if (rule.json) values[rule.property] = UNSTORABLE;
      else if (typeof value === 'string' && !/^[\x20-\x7e]*$/.test(value)) values[rule.property] = truncated(UNSTORABLE_TEXT, rule.maxLength ?? UNSTORABLE_TEXT.length);
    }
    values.sanitized = true;
    return values as T;
  }

  /** Cleans the given properties of a partial row (an update), leaving the rest as it is. */
  cleanChanges<T extends object>(changes: T): T {
    const values = changes as Record<string, unknown>;
    for (const rule of this.rules) {
      const value = values[rule.property];
      if (value === null || value === undefined) continue;
      values[rule.property] = rule.json ? storableJson(value) : typeof value === 'string' ? this.text(value, rule) : value;
    }
    return changes;
  }

  private text(value: string, rule: ColumnRule): string {
    const clean = storableText(value);
    return rule.maxLength === undefined ? clean : truncated(clean, rule.maxLength);
  }
}

function ruleOf(column: ColumnMetadata): ColumnRule | undefined {
  const type = typeof column.type === 'string' ? column.type : '';
  if (type === 'jsonb' || type === 'json' || type === 'simple-json') return { property: column.propertyName, json: true };
  if (type === 'text') return { property: column.propertyName, json: false };
  if (type === 'varchar' || type === 'character varying') {
    const length = Number(column.length);
    return { property: column.propertyName, json: false, ...(length > 0 ? { maxLength: length } : {}) };
  }
  return undefined;
}
