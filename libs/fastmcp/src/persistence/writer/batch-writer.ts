import { Logger } from '@nestjs/common';
import { writeIsolating } from './isolating-write.js';
import type { SpillLog } from './spill/spill-log.js';
import { DEFAULT_BATCH_WRITER_OPTIONS, type BatchSink, type BatchWriterOptions, type BatchWriterStats } from './batch-writer.options.js';

export { DEFAULT_BATCH_WRITER_OPTIONS, type BatchSink, type BatchWriterOptions, type BatchWriterStats, type OverflowPolicy } from './batch-writer.options.js';

interface Entry<T> {
  readonly item: T;
  /** Counted against `maxQueueSize`, and evictable under `drop-oldest`. */
  readonly droppable: boolean;
  /** When it was queued (ms), for `spillAfterMs`. */
  readonly at: number;
}

/**
 * A bounded queue drained in batches by one writer loop, off the request path: `enqueue` is
 * synchronous and never throws. Failed writes are retried with exponential backoff for as
 * long as the writer runs. A record the database refuses for good is found by halving its batch
 * (the others are written at once), then salvaged or dropped (counted).
 *
 * Without a spill file, an outage delays records and the bound decides what overflows. With
 * one (`attachSpill`), nothing accepted is dropped: when a write fails, the queue is full, or a
 * record waited `spillAfterMs`, the queue moves to the file and new records follow it there
 * until the file is written back to the database, in order; then memory takes over again.
 */
export class BatchWriter<T> {
  private readonly logger = new Logger('McpBatchWriter');
  private queue: Entry<T>[] = [];
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
  private readonly counters = { written: 0, retries: 0, overflow: 0, rejected: 0, shutdown: 0, salvaged: 0, appended: 0, replayed: 0 };
  private healthy = true;
  private lastError?: string;
  private spill?: SpillLog<T>;
  /** New records go to the spill file. */
  private spilling = false;
  /** This process's records in the spill file not yet in the database. */
  private spilledUnsettled = 0;
  /** Bumped when the queue moves to the spill file: a write begun before no longer owns its records. */
  private epoch = 0;
  private watchdog?: NodeJS.Timeout;
  /** The shutdown deadline passed with records in the spill file: they wait there for the next start. */
  private abandoned = false;

  constructor(
    private readonly sink: BatchSink<T>,
    private readonly options: BatchWriterOptions = DEFAULT_BATCH_WRITER_OPTIONS,
  ) {}

  /** From now on nothing accepted is dropped: see the class comment. Replays what the file already holds. */
  attachSpill(spill: SpillLog<T>): void {
    this.spill = spill;
    const period = Math.max(10, Math.min(this.options.spillAfterMs / 4, 250));
    this.watchdog = setInterval(() => this.spillIfStale(), period);
    this.watchdog.unref();
    if (spill.pending) this.kick();
  }

  /**
   * Queues a record; returns whether it was accepted. `droppable: false` (session rows, which
   * later rows reference) bypasses the bound: such records are few and must not be lost.
   */
  enqueue(item: T, { droppable = true } = {}): boolean {
    if (this.closed) {
      this.counters.shutdown++;
      return false;
    }
    if (!this.spilling && droppable && this.droppableCount >= this.options.maxQueueSize) {
      if (this.spill) this.startSpilling('the write queue is full');
      else if (!this.overflow()) return false;
    }
    if (this.spilling) {
      this.spill!.append(item);
      this.counters.appended++;
      this.spilledUnsettled++;
      if (this.abandoned) {
        this.accepted++;
        this.settleSpilled(1);
        return true;
      }
    } else {
      this.queue.push({ item, droppable, at: Date.now() });
      if (droppable) this.droppableCount++;
    }
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

  /**
   * Drains the queue, retrying for at most `shutdownTimeoutMs`; what is left then stays in the
   * spill file for the next start, or is dropped (counted) without one. Later records are dropped.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.deadline = Date.now() + this.options.shutdownTimeoutMs;
    clearInterval(this.watchdog);
    // Records may still arrive while the queue drains (calls finishing during shutdown).
    while (this.settled < this.accepted) await this.flush();
    this.closed = true;
    // The loop may still be replaying another process's spill file, or releasing its own.
    if (this.spill) this.kick();
    await this.running;
    await this.spill?.close();
  }

  stats(): BatchWriterStats {
    const { written, retries, overflow, rejected, shutdown, salvaged, appended, replayed } = this.counters;
    return {
      queued: this.queue.length + this.spilledUnsettled,
      written,
      retries,
      dropped: { overflow, rejected, shutdown },
      salvaged,
      ...(this.spill ? { spill: { appended, replayed, active: this.spilling, pendingBytes: this.spill.pendingBytes } } : {}),
      healthy: this.healthy,
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  /** Makes room under the overflow policy; false when the new record is the one refused. */
  private overflow(): boolean {
    this.counters.overflow++;
    this.warnOverflow();
    const oldest = this.options.overflow === 'drop-oldest' ? this.queue.findIndex((entry, i) => i >= this.inFlight && entry.droppable) : -1;
    // Under drop-newest, or when every droppable record is being written: refuse this one.
    if (oldest < 0) return false;
    this.queue.splice(oldest, 1);
    this.droppableCount--;
    this.settle(1);
    return true;
  }

  private schedule(): void {
    if (this.running) return;
    if (this.queue.length >= this.options.maxBatchSize || this.closing || this.spilling) return this.kick();
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
      if ((this.queue.length > 0 || this.spilling) && !this.abandoned) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (!this.abandoned) {
      const epoch = this.epoch;
      let batch: T[];
      let own = true;
      const fromSpill = this.queue.length === 0;
      if (!fromSpill) {
        batch = this.queue.slice(0, this.options.maxBatchSize).map((entry) => entry.item);
        this.inFlight = batch.length;
      } else {
        if (!this.spill?.pending) return this.stopSpilling();
        const chunk = await this.spill.read(this.options.maxBatchSize);
        if (chunk.items.length === 0) {
          // Nothing readable yet (the file write failed): try again after a pause.
          if (this.spill.pending && !(await this.retryAfter(new Error('the spill file could not be written'), failures++, 0))) return;
          continue;
        }
        ({ items: batch, own } = chunk);
      }
      try {
        const outcome = await writeIsolating(this.sink, batch, this.logger);
        if (fromSpill) {
          this.spill!.commit();
          this.counters.replayed += batch.length;
          if (own) this.settleSpilled(batch.length);
        } else if (epoch !== this.epoch) {
          // Moved to the spill file meanwhile: counted when replayed from there (a duplicate insert is ignored).
          continue;
        } else this.take(batch.length);
        this.counters.written += outcome.written;
        this.counters.rejected += outcome.rejected;
        this.counters.salvaged += outcome.salvaged;
        if (failures > 0) this.logger.log(`Writes resumed after ${failures} failed attempts`);
        this.healthy = true;
        failures = 0;
      } catch (error) {
        this.healthy = false;
        this.lastError = (error as Error).message;
        if (this.spill && !fromSpill && epoch === this.epoch) this.startSpilling(`writing failed: ${this.lastError}`);
        if (!(await this.retryAfter(error, failures++, batch.length))) return;
      } finally {
        this.inFlight = 0;
      }
    }
  }

  /** Waits before the next attempt; false when the shutdown deadline has passed (what is left was given up). */
  private async retryAfter(error: unknown, failures: number, size: number): Promise<boolean> {
    if (Date.now() >= this.deadline) {
      await this.abandon(error);
      return false;
    }
    if (failures === 0) this.logger.warn(`Writing ${size} records failed, retrying: ${(error as Error).message}`);
    this.counters.retries++;
    await this.pause(Math.min(this.options.retryDelayMs * 2 ** failures, this.options.maxRetryDelayMs));
    return true;
  }

  /** Moves the queue, the batch being written included, to the spill file; new records follow it. */
  private startSpilling(reason: string): void {
    const spill = this.spill!;
    if (!this.spilling) this.logger.warn(`Spilling audit records to disk: ${reason}`);
    this.spilling = true;
    this.epoch++;
    for (const entry of this.queue) spill.append(entry.item);
    this.counters.appended += this.queue.length;
    this.spilledUnsettled += this.queue.length;
    // Settled when replayed, not now: `flush()` still waits for them.
    this.queue = [];
    this.droppableCount = 0;
    this.inFlight = 0;
    void spill.sync();
    this.kick();
  }

  private async stopSpilling(): Promise<void> {
    if (!this.spilling && !this.spill) return;
    if (this.spilling) this.logger.log('Spill file written back to the database; records are queued in memory again');
    this.spilling = false;
    await this.spill?.release();
  }

  private spillIfStale(): void {
    const oldest = this.queue[0];
    if (!this.spilling && oldest && Date.now() - oldest.at > this.options.spillAfterMs) this.startSpilling(`records waited over ${this.options.spillAfterMs} ms`);
  }

  /** Gives up at the shutdown deadline: a spill file keeps what is left for the next start; without one it is dropped. */
  private async abandon(error: unknown): Promise<void> {
    if (this.spill) {
      if (this.queue.length > 0) this.startSpilling('shutting down');
      this.abandoned = true;
      await this.spill.sync();
      this.logger.warn(`${this.spilledUnsettled} records stay in the spill file for the next start: ${(error as Error).message}`);
      this.settleSpilled(this.spilledUnsettled);
      return;
    }
    const lost = this.queue.length;
    this.counters.shutdown += lost;
    this.logger.error(`Gave up ${lost} unwritten records at shutdown: ${(error as Error).message}`);
    this.take(lost);
  }

  private settleSpilled(count: number): void {
    const own = Math.min(count, this.spilledUnsettled);
    this.spilledUnsettled -= own;
    this.settle(own);
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
