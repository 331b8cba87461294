/** The transports an `McpModule` can be set to serve (its `transports` option). */
export type McpServedTransportKind = 'streamable-http' | 'sse' | 'stdio';

/** What an MCP message arrived on: a served transport, the testing kit's in-memory connection, or the REST routes. */
export type McpTransportKind = McpServedTransportKind | 'in-memory' | 'rest';
