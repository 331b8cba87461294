/**
 * Where the persistence module offers its record writer (its `stats()`), for whoever reports on
 * it without depending on the persistence entry point and its database packages.
 */
export const MCP_RECORD_WRITER_STATS = Symbol.for('nestjs-fastmcp:record-writer-stats');

/** What a reader of `MCP_RECORD_WRITER_STATS` may use: the part of `McpRecordWriter.stats()` it reports. */
export interface McpRecordWriterStatsSource {
  stats(): {
    queued: number;
    written: number;
    retries: number;
    healthy: boolean;
    dropped: { overflow: number; rejected: number; shutdown: number };
    salvaged: number;
    spill?: { appended: number; replayed: number; active: boolean; pendingBytes: number };
  };
}
