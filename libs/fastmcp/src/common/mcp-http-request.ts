import type { IncomingMessage } from 'node:http';

/**
 * The HTTP request an MCP message arrived on, as Express and Passport leave it.
 *
 * @publicApi
 */
export type McpHttpRequest = IncomingMessage & { user?: unknown; body?: unknown };
