import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { WalCheckpointReport, WalCheckpointWorkerData } from './wal-checkpoint.protocol.js';

export interface WalCheckpointerOptions {
  /** Default 250 ms. */
  intervalMs?: number;
  /** Default 64 MiB. */
  truncateAboveBytes?: number;
}

export interface WalCheckpointerStats {
  checkpoints: number;
  /** Log frames copied into the database file (SQLite counts a frame once per checkpoint that copies it). */
  framesCheckpointed: number;
  failures: number;
  /** False once the worker has stopped unexpectedly (the writer checkpoints again itself). */
  running: boolean;
}

/** SQLite's default `wal_autocheckpoint`, in pages: what the writer goes back to without a worker. */
const INLINE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * Checkpoints the embedded database's write-ahead log on a worker thread. SQLite's automatic
 * checkpoint runs inside the COMMIT that takes the log past 1,000 pages, on the committing
 * connection: ours commits on the event loop, so the audit batch that crossed the threshold
 * copied pages into the database file and synced it while every request in flight waited
 * (docs/performance.md, "Checkpoints off the event loop"). With the worker running, the writer's connection makes no automatic
 * checkpoints; if the worker fails or stops unexpectedly they are switched back on, so the log
 * never grows without bound.
 */
export class WalCheckpointer {
  private readonly logger = new Logger('McpWalCheckpointer');
  private readonly counts: WalCheckpointerStats = { checkpoints: 0, framesCheckpointed: 0, failures: 0, running: true };
  private stopping = false;

  private constructor(
    private readonly worker: Worker,
    private readonly writer: DataSource,
  ) {
    worker.on('message', (report: WalCheckpointReport) => this.onReport(report));
    worker.on('error', (error) => this.logger.error(`Checkpoint worker failed: ${describe(error)}`));
    worker.on('exit', () => void this.onExit());
  }

  /**
   * Starts the worker on `path` and turns the writer's automatic checkpoints off once it is
   * ready; `undefined` (automatic checkpoints stay on) if the worker cannot start.
   */
  static async start(writer: DataSource, path: string, options: WalCheckpointerOptions = {}): Promise<WalCheckpointer | undefined> {
    const workerData: WalCheckpointWorkerData = {
      path,
      intervalMs: options.intervalMs ?? 250,
      truncateAboveBytes: options.truncateAboveBytes ?? 64 * 2 ** 20,
      busyTimeoutMs: 5_000,
    };
    const worker = new Worker(new URL('./wal-checkpoint.worker.js', import.meta.url), { workerData });
    try {
      const [report] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([error]) => Promise.reject(error))])) as [WalCheckpointReport];
      if (report.type !== 'ready') throw new Error(`unexpected first report ${report.type}`);
    } catch (error) {
      new Logger('McpWalCheckpointer').warn(`No checkpoint worker (${describe(error)}): the writer checkpoints the log itself`);
      await worker.terminate();
      return undefined;
    }
    const checkpointer = new WalCheckpointer(worker, writer);
    await writer.query('PRAGMA wal_autocheckpoint = 0');
    // Shutdown stops it; it must not hold the process open on its own.
    worker.unref();
    return checkpointer;
  }

  stats(): WalCheckpointerStats {
    return { ...this.counts };
  }

  /** Stops the worker; the writer's connection, closed next, makes the last checkpoint. */
  async stop(): Promise<void> {
    if (!this.counts.running) return;
    this.stopping = true;
    const exited = once(this.worker, 'exit');
    this.worker.postMessage('stop');
    const timer = setTimeout(() => void this.worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private onReport(report: WalCheckpointReport): void {
    if (report.type === 'checkpoint') {
      this.counts.checkpoints++;
      this.counts.framesCheckpointed += report.checkpointed;
    } else if (report.type === 'failed') {
      this.counts.failures++;
      this.logger.warn(`${report.mode} checkpoint failed (retried on the next tick): ${report.message}`);
    }
  }

  private async onExit(): Promise<void> {
    this.counts.running = false;
    if (this.stopping) return;
    this.logger.error('Checkpoint worker stopped: the writer checkpoints the log itself again');
    if (this.writer.isInitialized) await this.writer.query(`PRAGMA wal_autocheckpoint = ${INLINE_AUTOCHECKPOINT_PAGES}`).catch(() => undefined);
  }
}

/** A worker's error as it crosses the thread boundary: SQLite's errors arrive as plain `{ code }` objects. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return typeof message === 'string' ? message : typeof code === 'string' ? code : String(error);
}
