import { EntitySchema } from 'typeorm';
import type { McpLogLevel } from '../../interfaces/mcp-context.interface.js';
import type { McpColumnTypes } from '../database/column-types.js';
import type { McpSessionEntity } from './mcp-session.entity.js';
import { callerColumns, McpCallerRow, sessionRelation } from './caller-columns.js';

/**
 * One `ctx.log.*` message a handler emitted. Table `mcp_logs`.
 *
 * @publicApi
 */
export class McpLogEntity extends McpCallerRow {
  id!: string;
  level!: McpLogLevel;
  /** The handler that logged (tool, resource or prompt name). */
  logger!: string;
  message!: string;
  data!: unknown;
  createdAt!: Date;
  /** True when a value was altered to be storable: truncated to its column, or stripped of what the database refuses. */
  sanitized!: boolean;
  session?: McpSessionEntity | null;
}

export const mcpLogSchema = (types: McpColumnTypes) =>
  new EntitySchema<McpLogEntity>({
    name: 'McpLog',
    target: McpLogEntity,
    tableName: 'mcp_logs',
    columns: {
      id: { type: types.uuid, length: types.uuid === 'uuid' ? undefined : 36, primary: true },
      ...callerColumns(types),
      level: { type: 'varchar', length: 16 },
      logger: { type: 'varchar', length: 255 },
      message: { type: 'text' },
      data: { type: types.json, nullable: true },
      createdAt: { name: 'created_at', type: types.timestamp },
      sanitized: { type: 'boolean', default: false },
    },
    relations: sessionRelation,
    indices: [
      { name: 'IDX_mcp_logs_session_created', columns: ['sessionId', 'createdAt'] },
      { name: 'IDX_mcp_logs_created_at', columns: ['createdAt'] },
    ],
  });
