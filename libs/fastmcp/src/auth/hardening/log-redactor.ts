import { VerdictMemory } from './verdict-memory.js';

/** Keys whose values never reach logs by default (compared ignoring case, `-` and `_`). */
export const DEFAULT_REDACTED_FIELDS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'xApiKey',
  'authorization',
  'cookie',
  'setCookie',
  'privateKey',
  'credentials',
]);

export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 32;

const normalize = (key: string) => key.toLowerCase().replace(/[-_\s]/g, '');

/**
 * Copies log data with the values of secret-named keys replaced by `[REDACTED]`, at any depth.
 * Values are matched by key name only: a secret inside a free-text message is not found.
 */
export class McpLogRedactor {
  private readonly fields: ReadonlySet<string>;
  /** By key as written: the same few keys come back on every call. */
  private readonly verdicts = new VerdictMemory<boolean>();

  constructor(fields: readonly string[] = DEFAULT_REDACTED_FIELDS) {
    this.fields = new Set(fields.map(normalize));
  }

  redact<T>(value: T): T {
    return this.fields.size === 0 ? value : (this.copy(value, 0, new WeakSet()) as T);
  }

  private copy(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value !== 'object' || value === null || value instanceof Date || ArrayBuffer.isView(value)) return value;
    if (seen.has(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated]';
    seen.add(value);
    const result = Array.isArray(value)
      ? value.map((item) => this.copy(item, depth + 1, seen))
      : Object.fromEntries(
          Object.entries(value).map(([key, item]) => [key, this.isSecret(key) ? REDACTED : this.copy(item, depth + 1, seen)]),
        );
    seen.delete(value);
    return result;
  }

  private isSecret(key: string): boolean {
    return this.verdicts.verdict(key, this.namesSecret);
  }

  private readonly namesSecret = (key: string): boolean => this.fields.has(normalize(key));
}
