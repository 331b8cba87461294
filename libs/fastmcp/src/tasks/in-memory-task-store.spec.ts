import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryTaskStore, McpTaskLimitError } from './in-memory-task-store.js';
import type { McpTask } from '../interfaces/mcp-task.interface.js';

const task = (taskId: string, overrides: Partial<McpTask> = {}): McpTask => ({
  taskId,
  status: 'working',
  createdAt: Date.now(),
  lastUpdatedAt: Date.now(),
  ttlMs: 60_000,
  pollIntervalMs: 1000,
  era: 'modern',
  toolName: 'tool',
  owner: {},
  ...overrides,
});

describe('InMemoryTaskStore', () => {
  it('returns what it stored, as a copy', async () => {
    const store = new InMemoryTaskStore();
    await store.create(task('a'));
    const found = await store.get('a');
    found!.status = 'failed';
    assert.equal((await store.get('a'))?.status, 'working');
  });

  it('forgets a task once its TTL has elapsed', async () => {
    const store = new InMemoryTaskStore();
    await store.create(task('old', { createdAt: Date.now() - 2_000, ttlMs: 1_000 }));
    assert.equal(await store.get('old'), undefined);
    assert.equal(await store.update('old', { status: 'completed' }), undefined);
  });

  it('never changes a terminal task again', async () => {
    const store = new InMemoryTaskStore();
    await store.create(task('a'));
    await store.update('a', { status: 'cancelled' });
    const after = await store.update('a', { status: 'completed', result: { content: [] } });
    assert.equal(after?.status, 'cancelled');
    assert.equal(after?.result, undefined);
  });

  it('makes room by evicting the oldest finished task, never a running one', async () => {
    const store = new InMemoryTaskStore(2);
    await store.create(task('done', { status: 'completed' }));
    await store.create(task('running'));
    await store.create(task('new'));
    assert.equal(await store.get('done'), undefined);
    assert.ok(await store.get('running'));
    await assert.rejects(store.create(task('one too many')), McpTaskLimitError);
  });

  it("lists one owner's tasks, oldest first", async () => {
    const store = new InMemoryTaskStore();
    await store.create(task('a', { owner: { sessionId: 's1' } }));
    await store.create(task('b', { owner: { sessionId: 's2' } }));
    await store.create(task('c', { owner: { sessionId: 's1' } }));
    assert.deepEqual((await store.list({ sessionId: 's1' })).map((t) => t.taskId), ['a', 'c']);
  });
});
