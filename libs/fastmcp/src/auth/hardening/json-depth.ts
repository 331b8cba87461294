/**
 * Whether a parsed JSON value nests deeper than `maxDepth` (a flat object is depth 1). Walks
 * with an explicit stack: a hostile body cannot overflow the call stack of the check itself,
 * and is refused before the recursive code after it (schema validation, serialisation) runs.
 */
export function jsonDepthExceeds(value: unknown, maxDepth: number): boolean {
  const stack: Array<{ node: object; depth: number }> = [];
  if (typeof value === 'object' && value !== null) stack.push({ node: value, depth: 1 });
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}
