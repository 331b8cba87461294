import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { BatchWriter, DEFAULT_BATCH_WRITER_OPTIONS, type BatchSink, type BatchWriterOptions } from './batch-writer.js';

class PermanentError extends Error {}

/** A sink that records batches and fails while `down` is set, or for items listed in `poison`. */
class FakeSink implements BatchSink<number> {
  readonly batches: number[][] = [];
  down = false;
  readonly poison = new Set<number>();
  attempts = 0;

  async write(batch: readonly number[]): Promise<void> {
    this.attempts++;
    await Promise.resolve();
    if (this.down) throw new Error('connection refused');
    if (batch.some((item) => this.poison.has(item))) throw new PermanentError('constraint violated');
    this.batches.push([...batch]);
  }

  isPermanent(error: unknown): boolean {
    return error instanceof PermanentError;
  }

  get written(): number[] {
    return this.batches.flat();
  }
}

function writer(sink: FakeSink, options: Partial<BatchWriterOptions> = {}) {
  return new BatchWriter(sink, { ...DEFAULT_BATCH_WRITER_OPTIONS, flushIntervalMs: 5, retryDelayMs: 5, maxRetryDelayMs: 20, ...options });
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('BatchWriter', () => {
  before(() => Logger.overrideLogger(false));

  it('writes records in order, in batches of at most maxBatchSize', async () => {
    const sink = new FakeSink();
    const w = writer(sink, { maxBatchSize: 4 });
    for (const i of range(10)) w.enqueue(i);
    await w.flush();
    assert.deepEqual(sink.written, range(10));
    assert.ok(sink.batches.every((batch) => batch.length <= 4));
    assert.equal(w.stats().written, 10);
  });

  it('refuses a record when full under drop-newest, counting it, and loses none it accepted', async () => {
    const sink = new FakeSink();
    const w = writer(sink, { maxQueueSize: 3, flushIntervalMs: 60_000 });
    const accepted = range(5).map((i) => w.enqueue(i));
    assert.deepEqual(accepted, [true, true, true, false, false]);
    assert.equal(w.stats().dropped.overflow, 2);
    await w.flush();
    assert.deepEqual(sink.written, [0, 1, 2]);
  });

  it('evicts the oldest record when full under drop-oldest, counting it', async () => {
    const sink = new FakeSink();
    const w = writer(sink, { maxQueueSize: 3, flushIntervalMs: 60_000, overflow: 'drop-oldest' });
    for (const i of range(5)) assert.equal(w.enqueue(i), true);
    await w.flush();
    assert.deepEqual(sink.written, [2, 3, 4]);
    assert.equal(w.stats().dropped.overflow, 2);
  });

  it('never evicts a record that is being written', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sink = new FakeSink();
    const write = sink.write.bind(sink);
    sink.write = async (batch) => {
      await gate;
      return write(batch);
    };
    const w = writer(sink, { maxQueueSize: 2, maxBatchSize: 2, overflow: 'drop-oldest' });
    w.enqueue(0);
    w.enqueue(1); // a full batch: the write starts, and waits at the gate
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(w.enqueue(2), false, 'both queued records are in flight: the new one is refused');
    release();
    await w.flush();
    assert.deepEqual(sink.written, [0, 1]);
    assert.equal(w.stats().dropped.overflow, 1);
  });

  it('never drops or counts records enqueued as not droppable', async () => {
    const sink = new FakeSink();
    const w = writer(sink, { maxQueueSize: 1, flushIntervalMs: 60_000 });
    w.enqueue(0);
    assert.equal(w.enqueue(1, { droppable: false }), true);
    assert.equal(w.enqueue(2), false);
    await w.flush();
    assert.deepEqual(sink.written, [0, 1]);
  });

  it('retries while the database is down and writes everything once it is back', async () => {
    const sink = new FakeSink();
    const w = writer(sink);
    sink.down = true;
    for (const i of range(6)) w.enqueue(i);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(w.stats().healthy, false);
    assert.ok(w.stats().retries >= 2);
    sink.down = false;
    await w.flush();
    assert.deepEqual(sink.written, range(6));
    assert.equal(w.stats().healthy, true);
  });

  it('drops only the record the database refuses for good', async () => {
    const sink = new FakeSink();
    const w = writer(sink);
    sink.poison.add(2);
    for (const i of range(5)) w.enqueue(i);
    await w.flush();
    assert.deepEqual(sink.written, [0, 1, 3, 4]);
    assert.equal(w.stats().dropped.rejected, 1);
  });

  it('finds a refused record by halving its batch: a few statements, not one per record', async () => {
    const sink = new FakeSink();
    const w = writer(sink, { maxBatchSize: 256, flushIntervalMs: 60_000 });
    sink.poison.add(100);
    for (const i of range(256)) w.enqueue(i);
    await w.flush();
    assert.equal(sink.written.length, 255);
    // One failed write, then two halves per level down to the record: 1 + 2 × log2(256).
    assert.ok(sink.attempts <= 17, `${sink.attempts} writes`);
    assert.equal(w.stats().dropped.rejected, 1);
  });

  it('writes a refused record in the form the sink salvages, when it can', async () => {
    const sink = new FakeSink();
    sink.poison.add(7);
    const salvaging = Object.assign(sink, { salvage: (item: number) => -item });
    const w = writer(salvaging);
    for (const i of range(10)) w.enqueue(i);
    await w.flush();
    assert.deepEqual(sink.written.sort((a, b) => a - b), [-7, 0, 1, 2, 3, 4, 5, 6, 8, 9]);
    assert.equal(w.stats().salvaged, 1);
    assert.equal(w.stats().dropped.rejected, 0);
  });

  it('drains the queue on close, then refuses and counts new records', async () => {
    const sink = new FakeSink();
    const w = writer(sink, { flushIntervalMs: 60_000 });
    for (const i of range(100)) w.enqueue(i);
    await w.close();
    assert.deepEqual(sink.written, range(100));
    assert.equal(w.enqueue(100), false);
    assert.equal(w.stats().dropped.shutdown, 1);
  });

  it('gives up at the shutdown deadline when the database stays down, counting what it lost', async () => {
    const sink = new FakeSink();
    const w = writer(sink, { shutdownTimeoutMs: 50 });
    sink.down = true;
    for (const i of range(3)) w.enqueue(i);
    await w.close();
    assert.deepEqual(sink.written, []);
    assert.equal(w.stats().dropped.shutdown, 3);
    assert.equal(w.stats().queued, 0);
  });
});
