import { VerdictMemory } from '../../auth/hardening/verdict-memory.js';

/** Field names redacted from audited tool arguments unless configured otherwise. */
export const DEFAULT_REDACTED_FIELDS: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'authorization',
  'cookie',
  'clientSecret',
  'privateKey',
  'creditCard',
  'cardNumber',
  'cvv',
  'ssn',
];

export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 32;

/** `api_key`, `API-Key` and `apiKey` are one field. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Copies tool arguments for the audit table with sensitive fields replaced, at any depth.
 * A field matches by name (case, `_` and `-` ignored) or by a regular expression.
 */
export class ArgumentRedactor {
  private readonly names: ReadonlySet<string>;
  private readonly patterns: readonly RegExp[];
  /** By field name as written: the same few names come back on every call. */
  private readonly verdicts = new VerdictMemory<boolean>();

  constructor(fields: ReadonlyArray<string | RegExp> = DEFAULT_REDACTED_FIELDS) {
    this.names = new Set(fields.filter((field): field is string => typeof field === 'string').map(normalize));
    this.patterns = fields.filter((field): field is RegExp => field instanceof RegExp);
  }

  redact(value: unknown): unknown {
    return this.copy(value, 0, new WeakSet());
  }

  private copy(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
    if (depth >= MAX_DEPTH) return '[Truncated]';
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => this.copy(item, depth + 1, seen));
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return this.copy((value as { toJSON(): unknown }).toJSON(), depth, seen);
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, this.isSensitive(key) ? REDACTED : this.copy(item, depth + 1, seen)]),
    );
  }

  private isSensitive(key: string): boolean {
    return this.verdicts.verdict(key, this.namesSensitive);
  }

  private readonly namesSensitive = (key: string): boolean => this.names.has(normalize(key)) || this.patterns.some((pattern) => pattern.test(key));
}
