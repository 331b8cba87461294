import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

describe('apps/testing: the docs/testing.md example spec', () => {
  it('passes under node:test as written', () => {
    const spec = fileURLToPath(new URL('../apps/testing/notes.spec.js', import.meta.url));
    // Without the parent runner's context, the child prints its own report instead of streaming to us.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', spec], { encoding: 'utf8', env });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /ℹ pass 4\nℹ fail 0/);
  });
});
