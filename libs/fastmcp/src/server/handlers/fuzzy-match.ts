import Fuse from 'fuse.js';

const indexes = new WeakMap<readonly string[], Fuse<string>>();

/**
 * Candidates that fuzzily match what the user typed, best first; everything for an empty
 * value. The index of a candidate list is built once (lists are schema enums, fixed at bootstrap).
 */
export function fuzzyMatch(candidates: readonly string[], value: string): string[] {
  if (value === '') return [...candidates];
  let index = indexes.get(candidates);
  if (!index) {
    index = new Fuse([...candidates], { threshold: 0.4, ignoreLocation: true });
    indexes.set(candidates, index);
  }
  return index.search(value).map((match) => match.item);
}
