#!/usr/bin/env node
// Fails when a tracked file speaks of how the project was built rather than of the product: the
// names of work sessions and issue numbers, or promises of what is yet to come (the patterns
// below). The README, the docs and the code speak to users; dated measurements live in
// docs/performance.md, in the same words.
//
//   node scripts/check-words.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Spelled in pieces so that this file does not hold the phrases it looks for.
const STOP = 'st' + 'op';
export const PROCESS_WORDS = [
  new RegExp(`\\bthis ${STOP}\\b`, 'i'),
  new RegExp(`\\blast ${STOP}\\b`, 'i'),
  new RegExp(`\\b${STOP}s? \\d+\\b`, 'i'),
  /\bissue[- #]?\d+\b/i,
  new RegExp(`\\bnot ${'bu' + 'ilt'} yet\\b`, 'i'),
];

/** Files that must name the words to look for them. */
const SELF = new Set(['scripts/check-words.mjs', 'test/repository-checks.e2e-spec.ts']);

export function processWords(files, read = (file) => readFileSync(file, 'utf8')) {
  const found = [];
  for (const file of files) {
    if ([...SELF].some((self) => file === self || file.endsWith(`/${self}`)) || file.endsWith('package-lock.json')) continue;
    let text;
    try {
      text = read(file);
    } catch {
      continue;
    }
    if (text.includes('\u0000')) continue;
    text.split('\n').forEach((line, index) => {
      for (const pattern of PROCESS_WORDS) {
        const match = pattern.exec(line);
        if (match) found.push(`${file}:${index + 1}: "${match[0]}"`);
      }
    });
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const found = processWords(files);
  if (found.length > 0) {
    console.error(`Words about how the project was built, not about the product (${found.length}):\n${found.map((line) => `  ${line}`).join('\n')}`);
    process.exit(1);
  }
  console.log('Words: the repository speaks of the product only');
}
