import { EntitySchema } from 'typeorm';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import type { McpColumnTypes } from '../database/column-types.js';

/**
 * One SSE event of a legacy session's stream, kept so a client can resume with
 * `Last-Event-ID` (spec basic/transports "Resumability and Redelivery"). Table
 * `mcp_stream_events`. No foreign key: events are written as the session opens, before its
 * row leaves the batched writer.
 *
 * @publicApi
 */
export class McpStreamEventEntity {
  /** The SSE event id is this number, as text: ordered, and unique across sessions. */
  seq!: string;
  sessionId!: string;
  streamId!: string;
  message!: JSONRPCMessage;
  createdAt!: Date;
}

export const mcpStreamEventSchema = (types: McpColumnTypes) =>
  new EntitySchema<McpStreamEventEntity>({
    name: 'McpStreamEvent',
    target: McpStreamEventEntity,
    tableName: 'mcp_stream_events',
    columns: {
      seq: { type: types.sequence, primary: true, generated: 'increment' },
      sessionId: { name: 'session_id', type: 'varchar', length: 128 },
      streamId: { name: 'stream_id', type: 'varchar', length: 128 },
      message: { type: types.json },
      createdAt: { name: 'created_at', type: types.timestamp },
    },
    indices: [
      { name: 'IDX_mcp_stream_events_stream', columns: ['sessionId', 'streamId', 'seq'] },
      { name: 'IDX_mcp_stream_events_created_at', columns: ['createdAt'] },
    ],
  });
