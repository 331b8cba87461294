/**
 * Where the persistence module offers its record writer (its `stats()`), for whoever reports on
 * it without depending on the persistence entry point and its database packages.
 */
export const MCP_RECORD_WRITER_STATS = Symbol.for('nestjs-fastmcp:record-writer-stats');
