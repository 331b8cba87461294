import type { EntitySchema } from 'typeorm';
import { COLUMN_TYPES, type McpDialect } from '../database/column-types.js';
import { mcpLogSchema } from './mcp-log.entity.js';
import { mcpPromptSchema } from './mcp-prompt.entity.js';
import { mcpResourceSchema } from './mcp-resource.entity.js';
import { mcpSessionSchema } from './mcp-session.entity.js';
import { mcpStreamEventSchema } from './mcp-stream-event.entity.js';
import { mcpToolCallSchema } from './mcp-tool-call.entity.js';
import { mcpToolSchema } from './mcp-tool.entity.js';

/**
 * Every table of the persistence module, typed for one database.
 *
 * @publicApi
 */
export function mcpEntities(dialect: McpDialect): EntitySchema[] {
  const types = COLUMN_TYPES[dialect];
  return [
    mcpSessionSchema(types),
    mcpLogSchema(types),
    mcpToolCallSchema(types),
    mcpToolSchema(types),
    mcpResourceSchema(types),
    mcpPromptSchema(types),
    mcpStreamEventSchema(types),
  ] as EntitySchema[];
}
