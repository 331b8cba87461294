import type { Server } from '@modelcontextprotocol/server';
import type { McpTransportKind } from './mcp-transport-kind.js';

/** What one SDK server instance serves: set when the server is created. */
export interface McpServeScope {
  readonly era: 'legacy' | 'modern';
  readonly transport: McpTransportKind;
  readonly server: Server;
}
