import type { McpLogEntity } from '../entities/mcp-log.entity.js';
import type { McpSessionEntity } from '../entities/mcp-session.entity.js';
import type { McpToolCallEntity } from '../entities/mcp-tool-call.entity.js';

export type McpSessionChanges = Partial<Pick<McpSessionEntity, 'lastSeenAt' | 'logLevel' | 'closedAt' | 'closeReason'>>;

/** What the record writer queues: new rows, and changes to session rows. */
export type McpRecord =
  | { kind: 'session'; row: McpSessionEntity }
  | { kind: 'session-update'; sessionId: string; changes: McpSessionChanges }
  | { kind: 'log'; row: McpLogEntity }
  | { kind: 'tool-call'; row: McpToolCallEntity };
