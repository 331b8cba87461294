/** The deepest JSON nesting a POST body may have unless `maxJsonDepth` says otherwise. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests deeper than `maxDepth` (a flat object is depth 1). Walks
 * with an explicit stack: a hostile body cannot overflow the call stack of the check itself,
 * and is refused before the recursive code after it (schema validation, serialisation) runs.
 */
export function jsonDepthExceeds(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  // Two parallel stacks and `for...in`: this runs on every request, and allocates nothing per node.
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (depth > maxDepth) return true;
    for (const key in node) {
      const child = node[key];
      if (typeof child === 'object' && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
