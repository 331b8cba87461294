import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toolTaskPolicy } from './tool-task.policy.js';

describe('toolTaskPolicy', () => {
  it('reads the shorthand and defaults the start to the call', () => {
    assert.equal(toolTaskPolicy(undefined, 'tool'), undefined);
    assert.equal(toolTaskPolicy('forbidden', 'tool'), undefined);
    assert.deepEqual(toolTaskPolicy('required', 'tool'), { support: 'required', start: 'call', ttlMs: undefined, pollIntervalMs: undefined });
  });

  it('keeps the options of the object form', () => {
    assert.deepEqual(toolTaskPolicy({ support: 'optional', start: 'handler', ttlMs: 5_000 }, 'tool'), {
      support: 'optional',
      start: 'handler',
      ttlMs: 5_000,
      pollIntervalMs: undefined,
    });
  });

  it('refuses values the wire cannot carry, naming the tool', () => {
    assert.throws(() => toolTaskPolicy('sometimes' as never, 'Tool "x"'), { name: 'McpConfigurationError', option: 'task', message: /^Tool "x": `task` must be one of 'forbidden', 'optional', 'required'; got sometimes$/ });
    assert.throws(() => toolTaskPolicy({ support: 'optional', ttlMs: 1.5 }, 'Tool "x"'), { option: 'task.ttlMs', message: /`task.ttlMs` must be a positive integer, got 1.5/ });
  });
});
