import type { IncomingMessage } from 'node:http';

/** The HTTP request an MCP message arrived on, as Express and Passport leave it. */
export type McpHttpRequest = IncomingMessage & { user?: unknown; body?: unknown };
