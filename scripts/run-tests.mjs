#!/usr/bin/env node
// Runs every compiled unit spec and end-to-end spec with node's test runner. Node 20 takes no
// globs on the command line, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, suffix, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, suffix, out);
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

const filter = process.argv[2];
const files = [...find('libs/fastmcp/dist', '.spec.js'), ...find('dist/test', '.e2e-spec.js')].filter(
  (file) => !filter || file.includes(filter),
);
if (files.length === 0) {
  console.error('No test files found: run `npm run build` first');
  process.exit(1);
}
// Under npm, node_modules/.bin comes first on PATH, and the `node22` dev dependency's binary
// shadows the machine's Node there; native addons (better-sqlite3) are built for the Node that
// runs npm, so the tests run on that one.
const node = process.env.npm_node_execpath ?? process.execPath;
const result = spawnSync(node, ['--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=120000', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
