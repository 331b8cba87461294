import type { McpLogLevel } from '../../interfaces/mcp-context.interface.js';
import type { McpDatabaseConfig } from '../database/mcp-database.config.js';
import type { McpEncryptionOptions } from '../encryption/mcp-encryption-options.js';
import type { BatchWriterOptions } from '../writer/batch-writer.js';

/** @publicApi */
export interface McpPersistenceOptions extends McpDatabaseConfig {
  /** Run the committed migrations at start-up. Default true; turn off when a deploy step runs them. */
  migrationsRun?: boolean;
  /** Tool argument fields replaced by `[REDACTED]` in the audit table. Default: `DEFAULT_REDACTED_FIELDS`. */
  redact?: Array<string | RegExp>;
  /**
   * Lowest level of handler logs stored. A legacy session that asked for a level with
   * `logging/setLevel` gets rows at that level and above only. Default `info`.
   */
  minLogLevel?: McpLogLevel;
  /** The batched writer of logs, audit rows and session updates. */
  writer?: Partial<BatchWriterOptions>;
  /**
   * What happens to audit and log rows while the database is unreachable or behind:
   * - `spill` (default): tool calls go on; records that cannot go to the database now are
   *   appended to a local file (see `spill`), fsync'd in batches, and written back in order
   *   when it returns, also after a crash or restart. Nothing acknowledged is lost but the last
   *   moments before a kill -9 (docs/audit-integrity.md).
   * - `refuse`: tool calls fail with a clear message while writes fail or the queue is full,
   *   so no call runs unaudited.
   * - `drop`: tool calls go on; records wait in the bounded memory queue and the `writer`'s
   *   `overflow` policy drops what does not fit (counted in `McpRecordWriter.stats()`).
   */
  whenDatabaseDown?: 'spill' | 'refuse' | 'drop';
  /** The spill file of `whenDatabaseDown: 'spill'`. */
  spill?: {
    /**
     * Where spill files go; put it on a volume that outlives the process (and the container).
     * Default: next to the SQLite file (`<file>.spill/`), or for PostgreSQL
     * `<os tmpdir>/nestjs-fastmcp-spill/<database and schema hash>`. Processes may share it:
     * each appends to its own files and adopts only those of processes no longer running.
     */
    directory?: string;
    /** Appended records are written and fsync'd at least this often. Default 50 ms. */
    syncIntervalMs?: number;
  };
  /**
   * How long a legacy session may stay idle and still be resumed after a restart. Default 30
   * minutes; keep it equal to `McpModule`'s `sessionIdleTimeoutMs`.
   */
  sessionTtlMs?: number;
  /** Keep resumable SSE streams in the database (`Last-Event-ID`). Default true. */
  eventStore?: boolean;
  retention?: {
    /** Logs and audit rows older than this are deleted, as are sessions closed longer ago. Default 30 days. */
    maxAgeMs?: number;
    /** Stored stream events older than this are deleted. Default 1 hour. */
    eventsMaxAgeMs?: number;
    /** How often the purge runs. Default 1 hour; 0 disables it. */
    intervalMs?: number;
  };
  /**
   * Encrypt tool-call arguments, log data and stream events with AES-256-GCM before they are
   * stored (and in the spill file). `{ key }`, or `{ keys: { id: key, … }, current: id }` to
   * rotate keys. Off by default. See docs/persistence.md, "Encryption at rest".
   */
  encryption?: McpEncryptionOptions;
  catalog?: {
    /** Write the registry's tools, resources and prompts to the database at bootstrap. Default true. */
    sync?: boolean;
    /** How often `enabled` toggles made in the database are picked up. Default 5 s; 0 disables polling. */
    pollIntervalMs?: number;
  };
}
