import { AsyncLocalStorage } from 'node:async_hooks';
import type { McpHttpRequest } from '../execution/mcp-context.js';

/**
 * The HTTP request an MCP message arrived on. A legacy session's server outlives any one
 * request, so the request reaches handlers through async context, not through the server.
 */
export const mcpHttpRequestScope = new AsyncLocalStorage<McpHttpRequest>();
