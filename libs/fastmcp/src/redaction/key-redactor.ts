import { VerdictMemory } from '../common/verdict-memory.js';

export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 32;

/**
 * Replaces the values of secret-named keys with `[REDACTED]`, at any depth. Plain objects and
 * arrays are copied only on the way to something that changed: data with no secret in it comes
 * back as it is, so the common case (every tool call's arguments, twice) allocates nothing.
 * Other objects (class instances) always become plain copies. Values are matched by key name
 * only: a secret inside a free-text value is not found.
 */
export abstract class KeyRedactor {
  /** By key as written: the same few keys come back on every call. */
  private readonly verdicts = new VerdictMemory<boolean>();

  /** Whether a key, as written, names a secret. Asked once per distinct key. */
  protected abstract namesSecret(key: string): boolean;

  /** A value that is not an object, in the copy: itself, or what stands for it. */
  protected scalar(value: unknown): unknown {
    return value;
  }

  /** Objects passed on as they are, not walked. */
  protected keepsAsIs(_value: object): boolean {
    return false;
  }

  /** What is walked in an object's place: itself, or what stands for it (its `toJSON()`, say). */
  protected substitute(value: object): unknown {
    return value;
  }

  redact<T>(value: T): T {
    return this.walk(value, 0, []) as T;
  }

  private walk(value: unknown, depth: number, ancestors: object[]): unknown {
    if (typeof value !== 'object' || value === null) return this.scalar(value);
    if (this.keepsAsIs(value)) return value;
    if (ancestors.includes(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated]';
    const stand = this.substitute(value);
    if (stand !== value) return this.walk(stand, depth + 1, ancestors);
    ancestors.push(value);
    const result = Array.isArray(value)
      ? this.walkArray(value, depth, ancestors)
      : this.walkObject(value as Record<string, unknown>, depth, ancestors, !isPlainObject(value));
    ancestors.pop();
    return result;
  }

  private walkArray(array: unknown[], depth: number, ancestors: object[]): unknown[] {
    let copy: unknown[] | undefined;
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      const next = this.walk(item, depth + 1, ancestors);
      if (copy) copy.push(next);
      else if (next !== item) (copy = array.slice(0, i)).push(next);
    }
    return copy ?? array;
  }

  private walkObject(object: Record<string, unknown>, depth: number, ancestors: object[], alwaysCopy: boolean): Record<string, unknown> {
    const keys = Object.keys(object);
    let copy: Record<string, unknown> | undefined = alwaysCopy ? {} : undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const item = object[key];
      const next = this.verdicts.verdict(key, this.isSecret) ? REDACTED : this.walk(item, depth + 1, ancestors);
      if (copy) copy[key] = next;
      else if (next !== item) {
        copy = {};
        for (let j = 0; j < i; j++) copy[keys[j]!] = object[keys[j]!];
        copy[key] = next;
      }
    }
    return copy ?? object;
  }

  private readonly isSecret = (key: string): boolean => this.namesSecret(key);
}

/** An object whose prototype is `Object.prototype` or none: what JSON parsing makes. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
