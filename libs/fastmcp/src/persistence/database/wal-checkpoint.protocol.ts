/** What `WalCheckpointer` hands its worker thread. */
export interface WalCheckpointWorkerData {
  /** The SQLite database file. */
  path: string;
  intervalMs: number;
  /** Log file size past which a checkpoint waits for the writer and empties the log. */
  truncateAboveBytes: number;
  /** How long the worker's connection waits for a lock before a checkpoint gives up. */
  busyTimeoutMs: number;
}

export type WalCheckpointMode = 'PASSIVE' | 'TRUNCATE';

/** What the worker reports: ready, each checkpoint (SQLite's own figures, in log frames), or a failed one. */
export type WalCheckpointReport =
  | { type: 'ready' }
  | { type: 'checkpoint'; mode: WalCheckpointMode; busy: boolean; log: number; checkpointed: number }
  | { type: 'failed'; mode: WalCheckpointMode; message: string };
