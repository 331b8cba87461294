#!/usr/bin/env node
// Fails when a file of the library outside internals/ reaches into an upstream package's
// internals: a `_`-member (`_meta` is MCP's own field), a deep import of a path the package does
// not export, or an `as unknown as` cast to a type imported from an upstream package. Those
// belong in libs/fastmcp/src/internals/, one file per upstream, each with a probe. Specs (which
// compare our code with the upstream's own) are not checked.
//
//   node scripts/check-internals.mjs [dir]     (default libs/fastmcp/src)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The packages whose internals are quarantined. */
const UPSTREAM = /^(@modelcontextprotocol\/[^/]+|@nestjs\/[^/]+|express|passport[^/]*|typeorm|body-parser|router)(\/.*)?$/;

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const exportsCache = new Map();

/**
 * Whether `subpath` (e.g. `./stdio`) is named in the package's `exports` map. A wildcard entry
 * (`@nestjs/core` exports `./*.js`) opens every file, public or not, so it does not count.
 */
function exported(pkg, subpath) {
  if (!exportsCache.has(pkg)) {
    const manifest = join('node_modules', pkg, 'package.json');
    exportsCache.set(pkg, existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')).exports ?? {}) : {});
  }
  const map = exportsCache.get(pkg);
  return typeof map === 'object' && Object.keys(map).some((key) => key === subpath);
}

export function findings(root) {
  const found = [];
  for (const file of files(root)) {
    const where = relative(root, file);
    if (where.split(sep)[0] === 'internals') continue;
    const text = readFileSync(file, 'utf8');
    const upstreamNames = new Set();
    for (const match of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
      const spec = UPSTREAM.exec(match[2]);
      if (!spec) continue;
      for (const name of match[1].split(',')) upstreamNames.add(name.replace(/^\s*type\s+/, '').split(' as ').pop().trim());
    }
    for (const match of text.matchAll(/from\s+'([^']+)'/g)) {
      const spec = UPSTREAM.exec(match[1]);
      if (spec?.[2] && !exported(spec[1], `.${spec[2]}`)) found.push(`${where}: deep import of ${match[1]}, which ${spec[1]} does not export`);
    }
    text.split('\n').forEach((line, index) => {
      const code = line.replace(/\/\/.*$/, '');
      if (/^\s*(\*|\/\*)/.test(line)) return;
      for (const member of code.matchAll(/\.(_[A-Za-z]\w*)/g)) {
        if (member[1] !== '_meta') found.push(`${where}:${index + 1}: reads the underscore member ${member[1]}`);
      }
      for (const cast of code.matchAll(/as unknown as\s+([A-Za-z_$][\w$]*)/g)) {
        if (upstreamNames.has(cast[1])) found.push(`${where}:${index + 1}: casts to the upstream type ${cast[1]} with \`as unknown as\``);
      }
    });
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'libs/fastmcp/src';
  const found = findings(root);
  if (found.length > 0) {
    console.error(`Upstream internals reached outside internals/ (${found.length}):\n${found.map((line) => `  ${line}`).join('\n')}`);
    process.exit(1);
  }
  console.log('Internals: only internals/ reaches into upstream packages');
}
