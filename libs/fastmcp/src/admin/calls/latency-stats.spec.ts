import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdminToolCall } from './admin-tool-call.js';
import { latencyByTool } from './latency-stats.js';

const call = (tool: string, durationMs: number, outcome: AdminToolCall['outcome'] = 'ok'): AdminToolCall => ({
  at: '2026-01-01T00:00:00.000Z',
  tool,
  outcome,
  durationMs,
  sessionId: null,
  principal: null,
  client: null,
  era: 'modern',
  error: null,
});

describe('latencyByTool', () => {
  it('gives nearest-rank p50, p95 and max per tool', () => {
    const calls = Array.from({ length: 20 }, (_, i) => call('add', i + 1));
    assert.deepEqual(latencyByTool(calls), [{ tool: 'add', calls: 20, errors: 0, p50Ms: 10, p95Ms: 19, maxMs: 20 }]);
  });

  it('counts every outcome other than ok as an error', () => {
    const [stats] = latencyByTool([call('add', 1), call('add', 2, 'error'), call('add', 3, 'denied')]);
    assert.equal(stats!.errors, 2);
  });

  it('lists the slowest tool first', () => {
    assert.deepEqual(
      latencyByTool([call('fast', 1), call('slow', 50)]).map((stats) => stats.tool),
      ['slow', 'fast'],
    );
  });

  it('is empty without calls', () => {
    assert.deepEqual(latencyByTool([]), []);
  });
});
