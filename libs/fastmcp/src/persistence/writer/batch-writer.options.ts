/**
 * What happens to a record that arrives when the queue is full: `drop-newest` refuses it
 * (`enqueue` returns false, so every accepted record is eventually written), `drop-oldest`
 * evicts the oldest droppable record to make room (fresher data wins, an accepted record
 * may be lost). Either way the drop is counted in `stats().dropped.overflow`.
 *
 * @publicApi
 */
export type OverflowPolicy = 'drop-newest' | 'drop-oldest';

/** @publicApi */
export interface BatchWriterOptions {
  /** Records per write. Default 500 (256 on the embedded database: see `EMBEDDED_MAX_BATCH_SIZE`). */
  maxBatchSize: number;
  /** How long a record may wait for a batch to fill. Default 200 ms. */
  flushIntervalMs: number;
  /** Droppable records held at most; see `overflow`. Default 10 000. */
  maxQueueSize: number;
  overflow: OverflowPolicy;
  /** First retry delay after a failed write, doubled up to `maxRetryDelayMs`. Default 100 ms. */
  retryDelayMs: number;
  /** Default 5 s. */
  maxRetryDelayMs: number;
  /** How long `close()` keeps retrying before it gives the queue up (counted, or left in the spill file). Default 10 s. */
  shutdownTimeoutMs: number;
  /**
   * With a spill file: a record still in memory after this long moves there, with every record
   * queued behind it, so a crash during slow or failing writes loses no more than this. Default 1 s.
   */
  spillAfterMs: number;
}

export const DEFAULT_BATCH_WRITER_OPTIONS: BatchWriterOptions = {
  maxBatchSize: 500,
  flushIntervalMs: 200,
  maxQueueSize: 10_000,
  overflow: 'drop-newest',
  retryDelayMs: 100,
  maxRetryDelayMs: 5_000,
  shutdownTimeoutMs: 10_000,
  spillAfterMs: 1_000,
};

export interface BatchSink<T> {
  write(batch: readonly T[]): Promise<void>;
  /** An error retrying cannot fix (a constraint or data error): the record is salvaged or dropped, not retried. */
  isPermanent(error: unknown): boolean;
  /** A reduced form of a record the database refused, tried once before the record is dropped. */
  salvage?(item: T): T;
}

/** @publicApi */
export interface BatchWriterStats {
  /** Records waiting. */
  queued: number;
  written: number;
  /** Failed write attempts that were retried. */
  retries: number;
  dropped: {
    /** Refused or evicted because the queue was full. */
    overflow: number;
    /** Refused by the database for good (see `BatchSink.isPermanent`). */
    rejected: number;
    /** Still unwritten when `close()` gave up (without a spill file), or offered after it. */
    shutdown: number;
  };
  /** Records the database refused and that were written in their salvaged form. */
  salvaged: number;
  /** The spill file, when there is one. */
  spill?: {
    /** Records appended to it since start. */
    appended: number;
    /** Records written from it to the database since start (left by an earlier process too). */
    replayed: number;
    /** Whether new records go to it now (the database is down or behind). */
    active: boolean;
    /** Bytes not yet replayed. */
    pendingBytes: number;
  };
  /** False from a failed write until the next successful one. */
  healthy: boolean;
  lastError?: string;
}
