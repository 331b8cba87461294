import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMBEDDED_MAX_BATCH_SIZE, resolvePersistenceOptions } from './mcp-persistence.module-definition.js';
import { DEFAULT_BATCH_WRITER_OPTIONS } from './writer/batch-writer.js';

describe('resolvePersistenceOptions', () => {
  it('writes smaller batches on the embedded database, whose writes hold the event loop', () => {
    const embedded = resolvePersistenceOptions({ sqlitePath: '/tmp/x.sqlite' });
    assert.equal(embedded.dialect, 'sqlite');
    assert.deepEqual(embedded.writer, { ...DEFAULT_BATCH_WRITER_OPTIONS, maxBatchSize: EMBEDDED_MAX_BATCH_SIZE });
    assert.equal(resolvePersistenceOptions({ url: 'postgres://postgres@127.0.0.1:5432/test' }).writer.maxBatchSize, DEFAULT_BATCH_WRITER_OPTIONS.maxBatchSize);
  });

  it('lets the writer options given win over either default', () => {
    assert.equal(resolvePersistenceOptions({ writer: { maxBatchSize: 1_000 } }).writer.maxBatchSize, 1_000);
    assert.equal(resolvePersistenceOptions({ writer: { flushIntervalMs: 50 } }).writer.maxBatchSize, EMBEDDED_MAX_BATCH_SIZE);
  });
});
