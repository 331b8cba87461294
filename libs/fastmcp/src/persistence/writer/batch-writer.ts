import { Logger } from '@nestjs/common';

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
  /** How long `close()` keeps retrying before it gives the queue up (counted). Default 10 s. */
  shutdownTimeoutMs: number;
}

export const DEFAULT_BATCH_WRITER_OPTIONS: BatchWriterOptions = {
  maxBatchSize: 500,
  flushIntervalMs: 200,
  maxQueueSize: 10_000,
  overflow: 'drop-newest',
  retryDelayMs: 100,
  maxRetryDelayMs: 5_000,
  shutdownTimeoutMs: 10_000,
};

export interface BatchSink<T> {
  write(batch: readonly T[]): Promise<void>;
  /** An error retrying cannot fix (a constraint or data error): the record is dropped, not retried. */
  isPermanent(error: unknown): boolean;
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
    /** Still unwritten when `close()` gave up, or offered after it. */
    shutdown: number;
  };
  /** False from a failed write until the next successful one. */
  healthy: boolean;
  lastError?: string;
}

interface Entry<T> {
  readonly item: T;
  /** Counted against `maxQueueSize`, and evictable under `drop-oldest`. */
  readonly droppable: boolean;
}

/**
 * A bounded queue drained in batches by one writer loop, off the request path: `enqueue` is
 * synchronous and never throws. Failed writes are retried with exponential backoff for as
 * long as the writer runs, so a database outage delays records but loses none that were
 * accepted (under `drop-newest`); `close()` drains what is left.
 */
export class BatchWriter<T> {
  private readonly logger = new Logger('McpBatchWriter');
  private readonly queue: Entry<T>[] = [];
  /** The head of the queue being written now: never evicted from under the writer. */
  private inFlight = 0;
  private droppableCount = 0;
  /** Accepted records, and records settled (written or dropped after acceptance), since start. */
  private accepted = 0;
  private settled = 0;
  private readonly waiters: Array<{ target: number; resolve: () => void }> = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private closing = false;
  private closed = false;
  private deadline = Infinity;
  private lastOverflowWarning = 0;
  private readonly counters = { written: 0, retries: 0, overflow: 0, rejected: 0, shutdown: 0 };
  private healthy = true;
  private lastError?: string;

  constructor(
    private readonly sink: BatchSink<T>,
    private readonly options: BatchWriterOptions = DEFAULT_BATCH_WRITER_OPTIONS,
  ) {}

  /**
   * Queues a record; returns whether it was accepted. `droppable: false` (session rows, which
   * later rows reference) bypasses the bound: such records are few and must not be lost.
   */
  enqueue(item: T, { droppable = true } = {}): boolean {
    if (this.closed) {
      this.counters.shutdown++;
      return false;
    }
    if (droppable && this.droppableCount >= this.options.maxQueueSize) {
      this.counters.overflow++;
      this.warnOverflow();
      const oldest = this.options.overflow === 'drop-oldest' ? this.queue.findIndex((entry, i) => i >= this.inFlight && entry.droppable) : -1;
      // Under drop-newest, or when every droppable record is being written: refuse this one.
      if (oldest < 0) return false;
      this.queue.splice(oldest, 1);
      this.droppableCount--;
      this.settle(1);
    }
    this.queue.push({ item, droppable });
    if (droppable) this.droppableCount++;
    this.accepted++;
    this.schedule();
    return true;
  }

  /** Resolves once every record accepted before the call is written or dropped. */
  flush(): Promise<void> {
    const target = this.accepted;
    if (this.settled >= target) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ target, resolve }));
    // Someone waits for the retry now: it must keep the process alive.
    this.retryTimer?.ref();
    this.kick();
    return done;
  }

  /** Drains the queue, retrying for at most `shutdownTimeoutMs`; later records are dropped (counted). */
  async close(): Promise<void> {
    this.closing = true;
    this.deadline = Date.now() + this.options.shutdownTimeoutMs;
    // Records may still arrive while the queue drains (calls finishing during shutdown).
    while (this.settled < this.accepted) await this.flush();
    this.closed = true;
  }

  stats(): BatchWriterStats {
    const { written, retries, overflow, rejected, shutdown } = this.counters;
    return {
      queued: this.queue.length,
      written,
      retries,
      dropped: { overflow, rejected, shutdown },
      healthy: this.healthy,
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  private schedule(): void {
    if (this.running) return;
    if (this.queue.length >= this.options.maxBatchSize || this.closing) return this.kick();
    if (!this.timer) {
      this.timer = setTimeout(() => this.kick(), this.options.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Starts the loop now, unless it runs already. */
  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.options.maxBatchSize);
      this.inFlight = batch.length;
      try {
        await this.sink.write(batch.map((entry) => entry.item));
        this.take(batch.length);
        this.counters.written += batch.length;
        if (failures > 0) this.logger.log(`Writes resumed after ${failures} failed attempts`);
        this.healthy = true;
        failures = 0;
      } catch (error) {
        if (this.sink.isPermanent(error)) {
          await this.isolate(batch.length);
          continue;
        }
        this.healthy = false;
        this.lastError = (error as Error).message;
        if (Date.now() >= this.deadline) return this.abandon(error);
        if (failures++ === 0) this.logger.warn(`Writing ${batch.length} records failed, retrying: ${this.lastError}`);
        this.counters.retries++;
        await this.pause(Math.min(this.options.retryDelayMs * 2 ** (failures - 1), this.options.maxRetryDelayMs));
      } finally {
        this.inFlight = 0;
      }
    }
  }

  /** Writes a batch the database refused record by record, so one bad record costs only itself. */
  private async isolate(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const entry = this.queue[0]!;
      this.inFlight = 1;
      try {
        await this.sink.write([entry.item]);
        this.counters.written++;
      } catch (error) {
        // Transient this time: leave the rest queued for the main loop to retry.
        if (!this.sink.isPermanent(error)) return;
        this.counters.rejected++;
        this.logger.error(`Dropped a record the database refused: ${(error as Error).message}`);
      }
      this.take(1);
    }
  }

  private abandon(error: unknown): void {
    const lost = this.queue.length;
    this.counters.shutdown += lost;
    this.logger.error(`Gave up ${lost} unwritten records at shutdown: ${(error as Error).message}`);
    this.take(lost);
  }

  private take(count: number): void {
    for (const entry of this.queue.splice(0, count)) if (entry.droppable) this.droppableCount--;
    this.settle(count);
  }

  private settle(count: number): void {
    this.settled += count;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (this.settled >= waiter.target) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.retryTimer = setTimeout(resolve, Math.max(0, Math.min(ms, this.deadline - Date.now())));
      // An outage alone must not keep the process alive; a flush or a shutdown waiting on it must.
      if (!this.closing && this.waiters.length === 0) this.retryTimer.unref();
    });
  }

  private warnOverflow(): void {
    const now = Date.now();
    if (now - this.lastOverflowWarning < 10_000) return;
    this.lastOverflowWarning = now;
    this.logger.warn(
      `Write queue full (${this.options.maxQueueSize}): ${this.options.overflow} policy, ${this.counters.overflow} records dropped so far`,
    );
  }
}
