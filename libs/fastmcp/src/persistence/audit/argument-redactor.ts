import { KeyRedactor } from '../../redaction/key-redactor.js';

export { REDACTED } from '../../redaction/key-redactor.js';

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

/** `api_key`, `API-Key` and `apiKey` are one field. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Tool arguments for the audit table with sensitive fields replaced, at any depth, in the form
 * the JSON column stores: a field matches by name (case, `_` and `-` ignored) or by a regular
 * expression; `toJSON()` is followed and bigints become strings.
 */
export class ArgumentRedactor extends KeyRedactor {
  private readonly names: ReadonlySet<string>;
  private readonly patterns: readonly RegExp[];

  constructor(fields: ReadonlyArray<string | RegExp> = DEFAULT_REDACTED_FIELDS) {
    super();
    this.names = new Set(fields.filter((field): field is string => typeof field === 'string').map(normalize));
    this.patterns = fields.filter((field): field is RegExp => field instanceof RegExp);
  }

  protected override namesSecret(key: string): boolean {
    return this.names.has(normalize(key)) || this.patterns.some((pattern) => pattern.test(key));
  }

  protected override scalar(value: unknown): unknown {
    return typeof value === 'bigint' ? value.toString() : value;
  }

  protected override substitute(value: object): unknown {
    const { toJSON } = value as { toJSON?: unknown };
    return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
  }
}
