import type { ColumnCipher } from '../encryption/column-cipher.js';
import type { SpillCodec } from './spill/spill-log.js';
import type { McpRecord } from './mcp-record.js';

const SESSION_DATES = ['createdAt', 'lastSeenAt', 'closedAt'] as const;
const CHANGE_DATES = ['lastSeenAt', 'closedAt'] as const;

/**
 * Records as JSON lines in the spill file; their dates come back as `Date`s. With encryption on,
 * payloads are sealed in the file too (it is data at rest as much as the table), and opened on
 * the way back so the sink sanitizes the plaintext as it does for any record. One sealed under a
 * key no longer configured stays sealed, and is sealed again on its way to the table: it then
 * reads back as its envelope (docs/persistence.md, "Encryption at rest", rotation).
 */
export function mcpRecordCodec(cipher: ColumnCipher): SpillCodec<McpRecord> {
  return {
    encode(record) {
      if (cipher.enabled && record.kind === 'log') return JSON.stringify({ ...record, row: cipher.sealColumn(record.row, 'data') });
      if (cipher.enabled && record.kind === 'tool-call') return JSON.stringify({ ...record, row: cipher.sealColumn(record.row, 'arguments') });
      return JSON.stringify(record);
    },
    decode(line) {
      const record = JSON.parse(line) as McpRecord;
      if (record.kind === 'session') reviveDates(record.row, SESSION_DATES);
      else if (record.kind === 'session-update') reviveDates(record.changes, CHANGE_DATES);
      else reviveDates(record.row, ['createdAt']);
      if (record.kind === 'log') record.row.data = cipher.openIfReadable(record.row.data);
      else if (record.kind === 'tool-call') record.row.arguments = cipher.openIfReadable(record.row.arguments);
      return record;
    },
  };
}

function reviveDates(values: object, keys: readonly string[]): void {
  const row = values as Record<string, unknown>;
  for (const key of keys) if (typeof row[key] === 'string') row[key] = new Date(row[key]);
}
