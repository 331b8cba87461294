import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MCP_DURATION_BUCKETS, resolveObservabilityOptions } from './mcp-observability.options.js';

describe('resolveObservabilityOptions', () => {
  it('turns nothing on unless named', () => {
    assert.deepEqual(resolveObservabilityOptions({}), { metrics: undefined, tracing: undefined, health: undefined, logs: undefined });
    assert.deepEqual(resolveObservabilityOptions({ metrics: false, tracing: false }).metrics, undefined);
  });

  it('takes every default for true', () => {
    const resolved = resolveObservabilityOptions({ metrics: true, tracing: true, health: true, logs: true });
    assert.deepEqual(resolved.metrics, { path: '/metrics', registry: undefined, defaultMetrics: true, buckets: [...MCP_DURATION_BUCKETS] });
    assert.deepEqual(resolved.tracing, { captureArguments: false });
    assert.deepEqual(resolved.health, { livePath: '/health/live', readyPath: '/health/ready', timeoutMs: 1000 });
    assert.deepEqual(resolved.logs, { json: true });
  });

  it('keeps what is given', () => {
    const resolved = resolveObservabilityOptions({ metrics: { path: '/internal/metrics', defaultMetrics: false }, tracing: { captureArguments: true } });
    assert.equal(resolved.metrics?.path, '/internal/metrics');
    assert.equal(resolved.metrics?.defaultMetrics, false);
    assert.equal(resolved.tracing?.captureArguments, true);
  });
});
