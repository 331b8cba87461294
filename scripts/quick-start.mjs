// The Quick start is one program in three places: apps/minimal/main.ts, and the ```ts block under
// `## Quick start` in the root README and in the package README (the npm page).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The code of the first ```ts block under `## Quick start`. */
export function quickStart(readme) {
  const text = readFileSync(readme, 'utf8');
  const match = text.match(/^## Quick start\n[\s\S]*?^```ts\n([\s\S]*?)^```$/m);
  if (!match) throw new Error(`${readme} has no \`## Quick start\` section with a \`\`\`ts block`);
  return match[1];
}

/** The READMEs whose Quick start differs from apps/minimal/main.ts, as messages. */
export function quickStartDifferences(root) {
  const minimal = readFileSync(join(root, 'apps/minimal/main.ts'), 'utf8');
  return ['libs/fastmcp/README.md', 'README.md']
    .filter((readme) => quickStart(join(root, readme)) !== minimal)
    .map((readme) => `${readme}: the Quick start block differs from apps/minimal/main.ts`);
}
