import { EntitySchema } from 'typeorm';
import type { McpCallOutcome } from '../../events/mcp-event-map.js';
import type { McpColumnTypes } from '../database/column-types.js';
import type { McpSessionEntity } from './mcp-session.entity.js';
import { callerColumns, McpCallerRow, sessionRelation } from './caller-columns.js';

/**
 * The audit row of one `tools/call`, or of any other request that was refused (a resource read,
 * prompt, completion, subscription or task method: `method` tells). Table `mcp_tool_calls`.
 *
 * @publicApi
 */
export class McpToolCallEntity extends McpCallerRow {
  id!: string;
  /** The JSON-RPC id, as text. */
  requestId!: string;
  /** The MCP method: `tools/call`, or the method of a refused request. */
  method!: string;
  /** The tool; for other methods the prompt or resource template name, or the resource URI. */
  tool!: string;
  /** The arguments as received, with the configured fields redacted. */
  arguments!: unknown;
  outcome!: McpCallOutcome;
  /** The message the client saw, for outcomes other than `ok`. */
  error!: string | null;
  /** Why the request was refused, for outcome `denied` (the access policy, a guard, a missing scope). */
  reason!: string | null;
  durationMs!: number;
  createdAt!: Date;
  /** True when a value was altered to be storable: truncated to its column, or stripped of what the database refuses. */
  sanitized!: boolean;
  session?: McpSessionEntity | null;
}

export const mcpToolCallSchema = (types: McpColumnTypes) =>
  new EntitySchema<McpToolCallEntity>({
    name: 'McpToolCall',
    target: McpToolCallEntity,
    tableName: 'mcp_tool_calls',
    columns: {
      id: { type: types.uuid, length: types.uuid === 'uuid' ? undefined : 36, primary: true },
      ...callerColumns(types),
      requestId: { name: 'request_id', type: 'varchar', length: 128 },
      method: { type: 'varchar', length: 64, default: 'tools/call' },
      tool: { type: 'varchar', length: 255 },
      arguments: { type: types.json, nullable: true },
      outcome: { type: 'varchar', length: 16 },
      error: { type: 'text', nullable: true },
      reason: { type: 'text', nullable: true },
      durationMs: { name: 'duration_ms', type: types.double },
      createdAt: { name: 'created_at', type: types.timestamp },
      sanitized: { type: 'boolean', default: false },
    },
    relations: sessionRelation,
    indices: [
      { name: 'IDX_mcp_tool_calls_session_created', columns: ['sessionId', 'createdAt'] },
      { name: 'IDX_mcp_tool_calls_created_at', columns: ['createdAt'] },
      { name: 'IDX_mcp_tool_calls_tool_created', columns: ['tool', 'createdAt'] },
    ],
  });
