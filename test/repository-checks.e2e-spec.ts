import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';

/** The repository root, from dist/test where this file runs. */
const ROOT = new URL('../../', import.meta.url).pathname;
const SOURCE = join(ROOT, 'libs/fastmcp/src');

type Check = (root: string) => string[];
const load = async <T>(script: string, name: string) => (await import(new URL(`../../scripts/${script}`, import.meta.url).href))[name] as T;

/** A source tree of the given files, in a temporary folder. */
function seeded(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mcp-checks-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('repository checks (run by .ci/run)', () => {
  it('layering: passes on the tree, and names an upward import', async () => {
    const violations = await load<Check>('check-layers.mjs', 'violations');
    assert.deepEqual(violations(SOURCE), []);
    const root = seeded({ 'registry/registry.ts': "import { serve } from '../transports/serve.js';\n", 'transports/serve.ts': 'export const serve = 1;\n' });
    try {
      const found = violations(root);
      assert.equal(found.length, 1);
      assert.match(found[0]!, /registry\/registry\.ts \(registry, rank 5\) imports \.\.\/transports\/serve\.js \(transports, rank 11\)/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('internals: passes on the tree, and names an underscore member, a deep import and a cast to an upstream type outside internals/', async () => {
    const findings = await load<Check>('check-internals.mjs', 'findings');
    assert.deepEqual(findings(SOURCE), []);
    const root = seeded({
      'server/reach.ts': [
        "import { Server } from '@modelcontextprotocol/server';",
        "import { ExternalContextCreator } from '@nestjs/core/helpers/external-context-creator.js';",
        'export const a = (server: Server) => (server as never as { _onrequest: unknown })._onrequest;',
        'export const b = (value: object) => value as unknown as Server;',
        'export const c = (params: { _meta?: object }) => params._meta;',
        'export type D = ExternalContextCreator;',
        '',
      ].join('\n'),
      'internals/allowed.ts': 'export const e = (value: { _private: number }) => value._private;\n',
    });
    try {
      const found = findings(root);
      assert.equal(found.length, 3, found.join('\n'));
      assert.ok(found.some((line) => line.includes('deep import of @nestjs/core/helpers/external-context-creator.js')));
      assert.ok(found.some((line) => line.includes('underscore member _onrequest')));
      assert.ok(found.some((line) => line.includes('upstream type Server')));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('process words: passes on the tracked files, and names words about how the project was built', async () => {
    const processWords = await load<(files: string[], read?: (file: string) => string) => string[]>('check-words.mjs', 'processWords');
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.deepEqual(processWords(tracked.map((file) => join(ROOT, file))), []);
    // Assembled here so that this file does not hold the phrases themselves.
    const stop = ['st', 'op'].join('');
    const seeded = [`Measured in ${stop} 14.`, `Not ${'bu' + 'ilt'} yet.`, 'See issue 6.', `The cache is ${stop}ped.`].join('\n');
    const found = processWords(['README.md'], () => seeded);
    assert.equal(found.length, 3, found.join('\n'));
  });

  it('quick start: the READMEs hold apps/minimal/main.ts verbatim', async () => {
    const quickStartDifferences = await load<Check>('quick-start.mjs', 'quickStartDifferences');
    assert.deepEqual(quickStartDifferences(ROOT), []);
  });
});
