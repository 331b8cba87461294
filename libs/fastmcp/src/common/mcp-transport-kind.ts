/** The transports an MCP server can serve. */
export type McpTransportKind = 'streamable-http' | 'sse' | 'stdio';
