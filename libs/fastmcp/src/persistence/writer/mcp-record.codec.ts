import type { SpillCodec } from './spill/spill-log.js';
import type { McpRecord } from './mcp-record.js';

const SESSION_DATES = ['createdAt', 'lastSeenAt', 'closedAt'] as const;
const CHANGE_DATES = ['lastSeenAt', 'closedAt'] as const;

/** Records as JSON lines in the spill file; their dates come back as `Date`s. */
export const MCP_RECORD_CODEC: SpillCodec<McpRecord> = {
  encode: (record) => JSON.stringify(record),
  decode(line) {
    const record = JSON.parse(line) as McpRecord;
    if (record.kind === 'session') reviveDates(record.row, SESSION_DATES);
    else if (record.kind === 'session-update') reviveDates(record.changes, CHANGE_DATES);
    else reviveDates(record.row, ['createdAt']);
    return record;
  },
};

function reviveDates(values: object, keys: readonly string[]): void {
  const row = values as Record<string, unknown>;
  for (const key of keys) if (typeof row[key] === 'string') row[key] = new Date(row[key]);
}
