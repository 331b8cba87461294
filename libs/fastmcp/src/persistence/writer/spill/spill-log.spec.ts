import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { BatchWriter, DEFAULT_BATCH_WRITER_OPTIONS, type BatchSink } from '../batch-writer.js';
import { SpillLog, type SpillCodec } from './spill-log.js';

const CODEC: SpillCodec<number> = { encode: String, decode: Number };

/** Keeps what it is given; refuses everything (a database outage) while `down`. */
class FakeSink implements BatchSink<number> {
  readonly written: number[] = [];
  down = false;
  hang?: Promise<void>;

  async write(batch: readonly number[]): Promise<void> {
    await this.hang;
    if (this.down) throw new Error('connection refused');
    this.written.push(...batch);
  }

  isPermanent(): boolean {
    return false;
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const options = { ...DEFAULT_BATCH_WRITER_OPTIONS, flushIntervalMs: 5, retryDelayMs: 5, maxRetryDelayMs: 20, maxQueueSize: 50 };

describe('BatchWriter with a spill file', () => {
  let dir: string;
  before(() => {
    Logger.overrideLogger(false);
    dir = mkdtempSync(join(tmpdir(), 'mcp-spill-spec-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const open = (name: string) => SpillLog.open(CODEC, { directory: join(dir, name), syncIntervalMs: 5 });

  it('accepts everything through an outage and writes it back in order, leaving no file', async () => {
    const sink = new FakeSink();
    const writer = new BatchWriter(sink, options);
    writer.attachSpill(await open('outage'));
    sink.down = true;
    for (const i of range(0, 500)) assert.equal(writer.enqueue(i), true);
    await sleep(50);
    assert.equal(writer.stats().spill!.active, true);
    sink.down = false;
    await writer.flush();
    assert.deepEqual(sink.written.filter((item, i, all) => all.indexOf(item) === i), range(0, 500));
    assert.deepEqual(writer.stats().dropped, { overflow: 0, rejected: 0, shutdown: 0 });
    assert.equal(writer.stats().spill!.active, false);
    await writer.close();
    assert.deepEqual(readdirSync(join(dir, 'outage')), []);
  });

  it('moves records that waited longer than spillAfterMs to the file, while a write hangs', async () => {
    const sink = new FakeSink();
    let release!: () => void;
    sink.hang = new Promise((resolve) => (release = resolve));
    const writer = new BatchWriter(sink, { ...options, spillAfterMs: 30 });
    writer.attachSpill(await open('stale'));
    for (const i of range(0, 20)) writer.enqueue(i);
    await sleep(120);
    assert.equal(writer.stats().spill!.appended, 20);
    release();
    sink.hang = undefined;
    await writer.flush();
    assert.deepEqual([...new Set(sink.written)], range(0, 20));
    await writer.close();
  });

  it('keeps at shutdown what the database could not take, and a later writer replays it', async () => {
    const sink = new FakeSink();
    sink.down = true;
    const first = new BatchWriter(sink, { ...options, shutdownTimeoutMs: 30 });
    first.attachSpill(await open('restart'));
    for (const i of range(0, 120)) first.enqueue(i);
    await first.close();
    assert.deepEqual(first.stats().dropped, { overflow: 0, rejected: 0, shutdown: 0 });

    sink.down = false;
    const second = new BatchWriter(sink, options);
    second.attachSpill(await open('restart'));
    second.enqueue(1_000);
    await sleep(100);
    await second.flush();
    assert.deepEqual([...new Set(sink.written)].sort((a, b) => a - b), [...range(0, 120), 1_000]);
    await second.close();
    assert.deepEqual(readdirSync(join(dir, 'restart')), []);
  });

  it('adopts the file of a process that died, skipping a line torn by the crash', async () => {
    const directory = join(dir, 'crash');
    const log = await SpillLog.open(CODEC, { directory, syncIntervalMs: 5 });
    await log.close();
    // pid 2 ** 22 + 1 is above Linux's pid_max: a process that is not running.
    writeFileSync(join(directory, `spill-000000001-${2 ** 22 + 1}-0123abcd.jsonl`), '1\n2\n3\n4');
    const sink = new FakeSink();
    const writer = new BatchWriter(sink, options);
    writer.attachSpill(await SpillLog.open(CODEC, { directory, syncIntervalMs: 5 }));
    for (let i = 0; i < 100 && sink.written.length < 3; i++) await sleep(10);
    assert.deepEqual(sink.written, [1, 2, 3]);
    await writer.close();
    assert.deepEqual(readdirSync(directory), []);
  });
});
