import type { McpCallOutcome } from '../../events/mcp-event-map.js';

/** One tool call as the admin page shows it. */
export interface AdminToolCall {
  /** ISO time the call finished (ring buffer) or was recorded (audit table). */
  at: string;
  tool: string;
  outcome: McpCallOutcome;
  durationMs: number;
  sessionId: string | null;
  principal: string | null;
  client: string | null;
  era: 'legacy' | 'modern';
  error: string | null;
}

/** Where the page reads recent tool calls from: the audit table when persistence is on, memory otherwise. */
export interface AdminCallLog {
  /** `'audit'` or `'memory'`, shown on the page so an operator knows how far back it goes. */
  readonly source: 'audit' | 'memory';
  /** The most recent calls, newest first. */
  recent(limit: number): Promise<AdminToolCall[]>;
}

export const ADMIN_CALL_LOG = Symbol('MCP_ADMIN_CALL_LOG');

export function clientLabel(client: { name?: string; version?: string } | null | undefined): string | null {
  if (!client?.name) return null;
  return client.version ? `${client.name} ${client.version}` : client.name;
}
