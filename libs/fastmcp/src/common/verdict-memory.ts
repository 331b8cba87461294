/**
 * The answers of a pure check, by input, for inputs that keep coming back (header values, key
 * names): each is checked once. Bounded: inputs that never repeat only reset the memory.
 */
export class VerdictMemory<V> {
  private readonly known = new Map<string, V>();

  constructor(private readonly limit = 1_000) {}

  verdict(input: string, check: (input: string) => V): V {
    if (this.known.has(input)) return this.known.get(input)!;
    const verdict = check(input);
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(input, verdict);
    return verdict;
  }
}
