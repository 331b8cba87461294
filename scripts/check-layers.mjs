#!/usr/bin/env node
// Fails when a file of the library imports upward: every folder of libs/fastmcp/src has a rank,
// and a file may import only from its own folder or from folders of a lower rank. Shared types
// and constants sit at the bottom (common/); decorators, registry and execution never reach the
// transports; the fast path (accel/) sits above everything it accelerates; the entry points that
// need extra packages (auth, throttler, persistence) sit above it; the admin page, which reads the
// persistence module's audit table when it is there, and the command-line client (cli/), a program
// of its own that nothing of the library imports, sit above them.
//
//   node scripts/check-layers.mjs [dir]     (default libs/fastmcp/src)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

export const RANKS = {
  common: 0,
  internals: 1,
  errors: 1,
  interfaces: 2,
  options: 3,
  redaction: 3,
  schema: 3,
  content: 3,
  decorators: 4,
  registry: 5,
  events: 5,
  execution: 6,
  sessions: 6,
  access: 7,
  discovery: 8,
  tasks: 8,
  notifications: 8,
  server: 9,
  http: 10,
  transports: 11,
  accel: 12,
  mount: 12,
  '.': 13,
  auth: 14,
  throttler: 14,
  persistence: 14,
  redis: 14,
  rest: 14,
  testing: 14,
  cli: 15,
  admin: 15,
  observability: 15,
};

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The top folder of a path relative to the source root ('.' for files at the root). */
function folderOf(root, path) {
  const parts = relative(root, path).split(sep);
  return parts.length === 1 ? '.' : parts[0];
}

export function violations(root) {
  const found = [];
  for (const file of files(root)) {
    const from = folderOf(root, file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
      const to = folderOf(root, normalize(join(dirname(file), match[1])));
      if (to === from) continue;
      if (!(from in RANKS) || !(to in RANKS)) {
        found.push(`${relative(root, file)}: folder "${!(from in RANKS) ? from : to}" has no rank in scripts/check-layers.mjs`);
      } else if (RANKS[to] >= RANKS[from]) {
        found.push(`${relative(root, file)} (${from}, rank ${RANKS[from]}) imports ${match[1]} (${to}, rank ${RANKS[to]})`);
      }
    }
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'libs/fastmcp/src';
  const found = violations(root);
  if (found.length > 0) {
    console.error(`Imports against the layering (${found.length}):\n${found.map((line) => `  ${line}`).join('\n')}`);
    process.exit(1);
  }
  console.log('Layering: every import goes to the same folder or a lower one');
}
