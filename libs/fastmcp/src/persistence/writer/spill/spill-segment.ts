import { open, type FileHandle } from 'node:fs/promises';

/** Bytes read from a segment at a time while replaying it. */
const READ_CHUNK_BYTES = 1 << 20;

/**
 * One append-only spill file: JSON lines, appended only by the process that created it, read
 * back from the position up to which its records are known to be in the database.
 */
export class SpillSegment {
  /** Bytes known to be on disk (written and synced). */
  size: number;
  /** Bytes whose records are in the database. */
  committed = 0;
  private handle?: Promise<FileHandle>;
  private readAhead = 0;

  constructor(
    readonly path: string,
    /** False for a segment another (dead) process left behind. */
    readonly own: boolean,
    size = 0,
  ) {
    this.size = size;
  }

  get pendingBytes(): number {
    return this.size - this.committed;
  }

  /** Appends and syncs `data` (whole lines). */
  async append(data: string): Promise<void> {
    const handle = await this.file();
    const bytes = Buffer.from(data);
    await handle.write(bytes, 0, bytes.length, null);
    await handle.datasync();
    this.size += bytes.length;
  }

  /**
   * Up to `max` lines after the committed position, from what is on disk. `commit()` then
   * moves the position past them; until it does, the next read returns the same lines.
   */
  async read(max: number): Promise<string[]> {
    if (this.pendingBytes === 0) return [];
    const handle = await this.file();
    let text = '';
    let bytesRead = 0;
    // A chunk holds at least one whole line: larger ones than a chunk are read whole.
    for (let length = Math.min(this.pendingBytes, READ_CHUNK_BYTES); ; length = Math.min(this.pendingBytes, length * 2)) {
      const buffer = Buffer.alloc(length);
      bytesRead = (await handle.read(buffer, 0, length, this.committed)).bytesRead;
      text = buffer.subarray(0, bytesRead).toString();
      if (text.includes('\n') || bytesRead >= this.pendingBytes) break;
    }
    const lines: string[] = [];
    let start = 0;
    while (lines.length < max) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      lines.push(text.slice(start, end));
      start = end + 1;
    }
    if (lines.length === 0 && bytesRead === this.pendingBytes) {
      // A last line without its newline: torn by a crash mid-append. Nothing to replay there.
      this.readAhead = bytesRead;
      return [];
    }
    this.readAhead = Buffer.byteLength(text.slice(0, start));
    return lines;
  }

  commit(): void {
    this.committed += this.readAhead;
    this.readAhead = 0;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle).close();
  }

  private file(): Promise<FileHandle> {
    // `a+`: appends land at the end whatever the read position; positional reads still work.
    return (this.handle ??= open(this.path, this.own ? 'a+' : 'r'));
  }
}
