/**
 * The worker thread of `WalCheckpointer`: its own connection to the embedded database, copying
 * the write-ahead log into the database file every `intervalMs`. PASSIVE checkpoints never wait
 * for the writer; TRUNCATE, which waits for it and empties the log file, only once the log has
 * outgrown `truncateAboveBytes` (a writer that never pauses leaves a PASSIVE checkpoint no
 * moment to finish the whole log, and SQLite only reuses a log it has finished).
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { WalCheckpointReport, WalCheckpointWorkerData } from './wal-checkpoint.protocol.js';

interface CheckpointConnection {
  pragma(source: string): unknown;
  close(): void;
}

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as new (path: string, options: { fileMustExist: boolean; timeout: number }) => CheckpointConnection;

const { path, intervalMs, truncateAboveBytes, busyTimeoutMs } = workerData as WalCheckpointWorkerData;
const port = parentPort!;
const connection = new Database(path, { fileMustExist: true, timeout: busyTimeoutMs });
const timer = setInterval(checkpoint, intervalMs);

port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  connection.close();
  port.close();
});
port.postMessage({ type: 'ready' } satisfies WalCheckpointReport);

function checkpoint(): void {
  const mode = walBytes() > truncateAboveBytes ? 'TRUNCATE' : 'PASSIVE';
  try {
    const [row] = connection.pragma(`wal_checkpoint(${mode})`) as Array<{ busy: number; log: number; checkpointed: number }>;
    port.postMessage({ type: 'checkpoint', mode, busy: row!.busy === 1, log: row!.log, checkpointed: row!.checkpointed } satisfies WalCheckpointReport);
  } catch (error) {
    // A busy database or a full disk: the next tick tries again.
    port.postMessage({ type: 'failed', mode, message: (error as Error).message } satisfies WalCheckpointReport);
  }
}

function walBytes(): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
