import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { WalCheckpointer } from './wal-checkpointer.js';

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function openWriter(path: string): Promise<DataSource> {
  const writer = new DataSource({ type: 'better-sqlite3', database: path, enableWAL: true });
  await writer.initialize();
  await writer.query('CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  return writer;
}

/** Commits `batches` transactions of 100 rows, as the record writer does. */
async function write(writer: DataSource, batches: number): Promise<void> {
  for (let batch = 0; batch < batches; batch++) {
    await writer.transaction(async (manager) => {
      const values = Array.from({ length: 100 }, () => '(?)').join(', ');
      await manager.query(`INSERT INTO rows (text) VALUES ${values}`, Array.from({ length: 100 }, () => 'x'.repeat(200)));
    });
  }
}

async function autocheckpoint(writer: DataSource): Promise<number> {
  const [row] = (await writer.query('PRAGMA wal_autocheckpoint')) as Array<{ wal_autocheckpoint: number }>;
  return row!.wal_autocheckpoint;
}

describe('WalCheckpointer', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'fastmcp-wal-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the checkpoints off the writer and copies the log into the database file', async () => {
    const path = join(dir, 'checkpointed.sqlite');
    const writer = await openWriter(path);
    const checkpointer = await WalCheckpointer.start(writer, path, { intervalMs: 20 });
    try {
      assert.ok(checkpointer, 'the worker started');
      assert.equal(await autocheckpoint(writer), 0, 'the writer makes no automatic checkpoints');
      const databaseBytes = statSync(path).size;
      await write(writer, 50);
      await until('a checkpoint that copied frames', () => checkpointer.stats().framesCheckpointed > 0);
      await until('the database file to grow', () => statSync(path).size > databaseBytes);
      const stats = checkpointer.stats();
      assert.equal(stats.running, true);
      assert.equal(stats.failures, 0);
      assert.ok(stats.checkpoints > 0);
    } finally {
      await checkpointer?.stop();
      await writer.destroy();
    }
    // The writer's connection, closed last, checkpointed the rest and removed the log.
    assert.equal(existsSync(`${path}-wal`), false);
    const reader = await openWriter(path);
    try {
      assert.deepEqual(await reader.query('SELECT COUNT(*) AS count FROM rows'), [{ count: 5_000 }]);
    } finally {
      await reader.destroy();
    }
  });

  it('empties a log that outgrew its bound, waiting for the writer', async () => {
    const path = join(dir, 'truncated.sqlite');
    const writer = await openWriter(path);
    const checkpointer = await WalCheckpointer.start(writer, path, { intervalMs: 20, truncateAboveBytes: 64 * 1024 });
    try {
      await write(writer, 20);
      await until('the log file to be emptied', () => existsSync(`${path}-wal`) && statSync(`${path}-wal`).size === 0);
    } finally {
      await checkpointer?.stop();
      await writer.destroy();
    }
  });

  it('gives the writer its automatic checkpoints back when the worker dies', async () => {
    const path = join(dir, 'orphaned.sqlite');
    const writer = await openWriter(path);
    const checkpointer = await WalCheckpointer.start(writer, path, { intervalMs: 20 });
    try {
      assert.equal(await autocheckpoint(writer), 0);
      await (checkpointer as unknown as { worker: Worker }).worker.terminate();
      await until('automatic checkpoints back on', async () => (await autocheckpoint(writer)) === 1000);
      assert.equal(checkpointer!.stats().running, false);
      await write(writer, 5);
    } finally {
      await checkpointer?.stop();
      await writer.destroy();
    }
  });

  it('leaves the writer checkpointing itself when the database file cannot be opened by a worker', async () => {
    const path = join(dir, 'in-memory-writer.sqlite');
    const writer = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await writer.initialize();
    try {
      assert.equal(await WalCheckpointer.start(writer, path), undefined);
      assert.equal(await autocheckpoint(writer), 1000);
    } finally {
      await writer.destroy();
    }
  });
});
