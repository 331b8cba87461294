import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a run of our server loads from a checkout: the library's build and the bench server's. */
const BUILT_DIRS = ['libs/fastmcp/dist', 'dist/bench/servers/ours'];

/**
 * A fingerprint of a checkout's build: how many JavaScript files it holds and a hash of their
 * names and contents (maps, declarations and build info left out: a rebuild that emits the same
 * code is the same build). Taken before and after a run, it tells whether someone rebuilt (or
 * cleaned) the checkout in between, in which case the run measured two builds under one name.
 */
export function buildStamp(root: string): string {
  const hash = createHash('sha1');
  let files = 0;
  for (const dir of BUILT_DIRS) {
    let names: string[];
    try {
      names = (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((name) => name.endsWith('.js')).sort();
    } catch {
      return `${dir} missing`;
    }
    for (const name of names) {
      try {
        const content = readFileSync(join(root, dir, name));
        hash.update(`${dir}/${name}\0`).update(content);
        files++;
      } catch {
        hash.update(`${dir}/${name}\0(removed while read)`);
      }
    }
  }
  return `${files} .js files, content ${hash.digest('hex').slice(0, 12)}`;
}

/** Each checkout whose build changed between two stamps, with both stamps. */
export function changedBuilds(before: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [root, stamp] of before) {
    const now = buildStamp(root);
    if (now !== stamp) changed.push(`${root}: its build changed during the run (before: ${stamp}; after: ${now}), so its figures may mix two builds`);
  }
  return changed;
}
