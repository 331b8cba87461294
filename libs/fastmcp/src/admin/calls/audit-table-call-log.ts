import type { Implementation } from '@modelcontextprotocol/server';
import type { McpCallOutcome } from '../../events/mcp-event-map.js';
import { clientLabel, type AdminCallLog, type AdminToolCall } from './admin-tool-call.js';

/** A row of the persistence module's `mcp_tool_calls` table, as far as the page reads it. */
interface ToolCallRow {
  createdAt: Date | string;
  tool: string;
  outcome: McpCallOutcome;
  durationMs: number;
  sessionId: string | null;
  principalId: string | null;
  clientInfo: Implementation | null;
  era: 'legacy' | 'modern';
  error: string | null;
}

/**
 * The persistence module's data source, by the audit table's name. Reaching it by name
 * (not by importing the entity) keeps TypeORM out of this entry point for apps without
 * persistence.
 */
export interface AuditDataSource {
  getRepository(table: 'mcp_tool_calls'): {
    find(options: { where: { method: string }; order: { createdAt: 'DESC' }; take: number }): Promise<unknown[]>;
  };
}

/**
 * Recent tool calls from the audit table, so the page shows every instance's calls and what
 * happened before a restart. Rows arrive within the record writer's flush interval.
 */
export class AuditTableCallLog implements AdminCallLog {
  readonly source = 'audit';

  constructor(private readonly dataSource: AuditDataSource) {}

  async recent(limit: number): Promise<AdminToolCall[]> {
    const rows = (await this.dataSource
      .getRepository('mcp_tool_calls')
      .find({ where: { method: 'tools/call' }, order: { createdAt: 'DESC' }, take: limit })) as ToolCallRow[];
    return rows.map((row) => ({
      at: new Date(row.createdAt).toISOString(),
      tool: row.tool,
      outcome: row.outcome,
      durationMs: Number(row.durationMs),
      sessionId: row.sessionId,
      principal: row.principalId,
      client: clientLabel(row.clientInfo),
      era: row.era,
      error: row.error,
    }));
  }
}
