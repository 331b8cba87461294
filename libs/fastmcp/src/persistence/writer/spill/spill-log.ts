import { randomBytes } from 'node:crypto';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { SpillSegment } from './spill-segment.js';

/** How a record becomes one line of the spill file and back. */
export interface SpillCodec<T> {
  encode(item: T): string;
  decode(line: string): T;
}

export interface SpillLogOptions {
  readonly directory: string;
  /** Appends are written and synced at most this long after they were made. */
  readonly syncIntervalMs: number;
}

/** `spill-<time>-<pid>-<random>.jsonl`: names sort by creation time. */
const SEGMENT_NAME = /^spill-([0-9a-z]{9})-(\d+)-[0-9a-f]{8}\.jsonl$/;
/** Past this many buffered bytes an append is synced at once rather than at the next interval. */
const SYNC_EARLY_BYTES = 1 << 20;

/** Segments a live `SpillLog` of this process owns: another one (a second app in the process) must not adopt them. */
const OWNED_HERE = new Set<string>();

/** What `read` returned: records in spill order, and whether this process wrote them. */
export interface SpillChunk<T> {
  readonly items: T[];
  readonly own: boolean;
}

/**
 * A write-ahead file for records the database cannot take now: appended without blocking the
 * caller (buffered, then written and fsync'd in batches by the thread pool), read back in order
 * once the database returns, deleted when read to the end. Segments left by a process that
 * died (a crash, kill -9) are adopted at start-up and replayed first. A segment is only ever
 * appended to by the process that made it, so processes may share the directory.
 */
export class SpillLog<T> {
  private readonly logger = new Logger('McpSpillLog');
  private readonly segments: SpillSegment[] = [];
  private buffer: string[] = [];
  private bufferedBytes = 0;
  /** Appended and not yet on disk: buffered, or being written. */
  private unsyncedBytes = 0;
  private timer?: NodeJS.Timeout;
  private syncing: Promise<void> = Promise.resolve();
  private lastFailure = 0;
  private lastSyncFailed = false;
  /** Deletions of released segments under way: `close()` waits for them. */
  private releasing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly codec: SpillCodec<T>,
    private readonly options: SpillLogOptions,
  ) {}

  /** Opens the directory (creating it) and adopts the segments of processes no longer running. */
  static async open<T>(codec: SpillCodec<T>, options: SpillLogOptions): Promise<SpillLog<T>> {
    const log = new SpillLog(codec, options);
    await mkdir(options.directory, { recursive: true });
    const names = (await readdir(options.directory)).filter((name) => SEGMENT_NAME.test(name)).sort();
    for (const name of names) {
      const pid = Number(SEGMENT_NAME.exec(name)![2]);
      const path = join(options.directory, name);
      if (OWNED_HERE.has(path) || (pid !== process.pid && isRunning(pid))) continue;
      OWNED_HERE.add(path);
      const { size } = await stat(path);
      log.segments.push(new SpillSegment(path, false, size));
    }
    if (log.segments.length > 0) log.logger.warn(`Replaying ${log.segments.length} spill file(s) left in ${options.directory}`);
    return log;
  }

  /** Whether records are waiting: on disk, or buffered for it. */
  get pending(): boolean {
    return this.unsyncedBytes > 0 || this.segments.some((segment) => segment.pendingBytes > 0);
  }

  /** Bytes waiting, on disk and buffered. */
  get pendingBytes(): number {
    return this.segments.reduce((sum, segment) => sum + segment.pendingBytes, this.unsyncedBytes);
  }

  /** Queues a record for the file; it is on disk within `syncIntervalMs` (see `sync`). */
  append(item: T): void {
    const line = `${this.codec.encode(item)}\n`;
    this.buffer.push(line);
    this.bufferedBytes += line.length;
    this.unsyncedBytes += line.length;
    if (this.bufferedBytes >= SYNC_EARLY_BYTES) void this.sync();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.sync(), this.options.syncIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes and fsyncs what is buffered; resolves once it is on disk (or the write failed, logged). */
  sync(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return this.syncing;
    const data = this.buffer.join('');
    const bytes = this.bufferedBytes;
    this.buffer = [];
    this.bufferedBytes = 0;
    const segment = this.appendSegment();
    this.syncing = this.syncing.then(() =>
      segment.append(data).then(() => {
        this.unsyncedBytes -= bytes;
        this.lastSyncFailed = false;
      }, (error: Error) => {
        this.lastSyncFailed = true;
        // Kept in memory and tried again: a full disk must not lose what it could not take.
        this.buffer.unshift(data);
        this.bufferedBytes += bytes;
        if (Date.now() - this.lastFailure > 10_000) this.logger.error(`Writing the spill file ${segment.path} failed: ${error.message}`);
        this.lastFailure = Date.now();
        this.timer ??= setTimeout(() => void this.sync(), Math.max(this.options.syncIntervalMs, 1_000));
        this.timer.unref();
      }),
    );
    return this.syncing;
  }

  /**
   * Up to `max` records after the last committed ones, oldest first, all from one segment.
   * Buffered records are synced first when nothing else is left.
   */
  async read(max: number): Promise<SpillChunk<T>> {
    for (;;) {
      const segment = this.segments.find((candidate) => candidate.pendingBytes > 0);
      if (!segment) {
        if (this.unsyncedBytes === 0) return { items: [], own: true };
        await this.sync();
        // The write failed: nothing more on disk for now.
        if (this.lastSyncFailed) return { items: [], own: true };
        continue;
      }
      const lines = await segment.read(max);
      if (lines.length === 0) {
        // Only a torn last line was left.
        segment.commit();
        continue;
      }
      const items: T[] = [];
      for (const line of lines) {
        try {
          items.push(this.codec.decode(line));
        } catch {
          this.logger.error(`Skipped an unreadable line of ${segment.path}`);
        }
      }
      if (items.length === 0) {
        segment.commit();
        continue;
      }
      return { items, own: segment.own };
    }
  }

  /** The records the last `read` returned are in the database. */
  commit(): void {
    this.segments.find((segment) => segment.pendingBytes > 0)?.commit();
  }

  /**
   * Deletes the segments read to the end, except one that appends are still being written to.
   * They leave the list at once, so an append made meanwhile starts a new segment.
   */
  async release(): Promise<void> {
    const last = this.segments.at(-1);
    const done = this.segments.filter((segment) => segment.pendingBytes === 0 && !(segment === last && this.unsyncedBytes > 0));
    for (const segment of done) this.segments.splice(this.segments.indexOf(segment), 1);
    const deletions = done.map(async (segment) => {
      await segment.close();
      await unlink(segment.path).catch(() => undefined);
      OWNED_HERE.delete(segment.path);
    });
    this.releasing = Promise.all([this.releasing, ...deletions]).then(() => undefined);
    await this.releasing;
  }

  /** Syncs what is buffered and closes the files; segments not read to the end stay for the next start. */
  async close(): Promise<void> {
    await this.sync();
    await this.release();
    for (const segment of this.segments) {
      OWNED_HERE.delete(segment.path);
      await segment.close();
    }
  }

  /** The segment appends go to: this process's last one, unless it was released. */
  private appendSegment(): SpillSegment {
    const last = this.segments.at(-1);
    if (last?.own) return last;
    const name = `spill-${Date.now().toString(36).padStart(9, '0')}-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`;
    const segment = new SpillSegment(join(this.options.directory, name), true);
    OWNED_HERE.add(segment.path);
    this.segments.push(segment);
    return segment;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
