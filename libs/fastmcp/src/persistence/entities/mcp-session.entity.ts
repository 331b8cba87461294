import { EntitySchema } from 'typeorm';
import type { ClientCapabilities, Implementation } from '@modelcontextprotocol/server';
import type { McpLogLevel } from '../../interfaces/mcp-context.interface.js';
import type { McpColumnTypes } from '../database/column-types.js';

/**
 * A legacy-era MCP session, as it was opened and as it ended. Table `mcp_sessions`.
 *
 * @publicApi
 */
export class McpSessionEntity {
  /** The `Mcp-Session-Id`. */
  id!: string;
  transport!: string;
  protocolVersion!: string | null;
  clientInfo!: Implementation | null;
  clientCapabilities!: ClientCapabilities | null;
  /** What the client asked for with `logging/setLevel`; null until it does. */
  logLevel!: McpLogLevel | null;
  principalId!: string | null;
  createdAt!: Date;
  lastSeenAt!: Date;
  closedAt!: Date | null;
  closeReason!: string | null;
  /** True when a value was altered to be storable (see `RecordSanitizer`). */
  sanitized!: boolean;
}

export const mcpSessionSchema = (types: McpColumnTypes) =>
  new EntitySchema<McpSessionEntity>({
    name: 'McpSession',
    target: McpSessionEntity,
    tableName: 'mcp_sessions',
    columns: {
      id: { type: 'varchar', length: 128, primary: true },
      transport: { type: 'varchar', length: 32 },
      protocolVersion: { name: 'protocol_version', type: 'varchar', length: 32, nullable: true },
      clientInfo: { name: 'client_info', type: types.json, nullable: true },
      clientCapabilities: { name: 'client_capabilities', type: types.json, nullable: true },
      logLevel: { name: 'log_level', type: 'varchar', length: 16, nullable: true },
      principalId: { name: 'principal_id', type: 'varchar', length: 255, nullable: true },
      createdAt: { name: 'created_at', type: types.timestamp },
      lastSeenAt: { name: 'last_seen_at', type: types.timestamp },
      closedAt: { name: 'closed_at', type: types.timestamp, nullable: true },
      closeReason: { name: 'close_reason', type: 'varchar', length: 255, nullable: true },
      sanitized: { type: 'boolean', default: false },
    },
    indices: [
      { name: 'IDX_mcp_sessions_last_seen_at', columns: ['lastSeenAt'] },
      { name: 'IDX_mcp_sessions_principal_id', columns: ['principalId'] },
    ],
  });
