import type { EntitySchemaColumnOptions } from 'typeorm';
import type { Implementation } from '@modelcontextprotocol/server';
import type { McpColumnTypes } from '../database/column-types.js';
import { McpSessionEntity } from './mcp-session.entity.js';

/**
 * Who made a call, on every log and audit row. A 2026-07-28 request has no session, so these
 * columns (not a join) are what keeps its rows attributable and queryable.
 */
export interface McpCallerColumns {
  /** Null for 2026-07-28 requests and stateless serving. */
  sessionId: string | null;
  principalId: string | null;
  clientInfo: Implementation | null;
  protocolVersion: string | null;
  era: 'legacy' | 'modern';
  transport: string;
}

/** The class form of `McpCallerColumns`, which the log and audit entity classes extend. */
export abstract class McpCallerRow implements McpCallerColumns {
  sessionId!: string | null;
  principalId!: string | null;
  clientInfo!: Implementation | null;
  protocolVersion!: string | null;
  era!: 'legacy' | 'modern';
  transport!: string;
}

export const callerColumns = (types: McpColumnTypes): Record<keyof McpCallerColumns, EntitySchemaColumnOptions> => ({
  sessionId: { name: 'session_id', type: 'varchar', length: 128, nullable: true },
  principalId: { name: 'principal_id', type: 'varchar', length: 255, nullable: true },
  clientInfo: { name: 'client_info', type: types.json, nullable: true },
  protocolVersion: { name: 'protocol_version', type: 'varchar', length: 32, nullable: true },
  era: { type: 'varchar', length: 8 },
  transport: { type: 'varchar', length: 32 },
});

/** Rows of a deleted session go with it (the retention job deletes sessions long closed). */
export const sessionRelation = {
  session: {
    type: 'many-to-one' as const,
    target: () => McpSessionEntity,
    joinColumn: { name: 'session_id' },
    nullable: true,
    onDelete: 'CASCADE' as const,
    createForeignKeyConstraints: true,
  },
};
