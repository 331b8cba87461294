import { KeyRedactor } from '../../redaction/key-redactor.js';
import { DEFAULT_REDACTED_FIELDS, normalizeFieldName } from '../../redaction/redacted-fields.js';

export { REDACTED } from '../../redaction/key-redactor.js';
export { DEFAULT_REDACTED_FIELDS } from '../../redaction/redacted-fields.js';

/**
 * Tool arguments for the audit table with sensitive fields replaced, at any depth, in the form
 * the JSON column stores: a field matches by name (case, `_` and `-` ignored) or by a regular
 * expression; `toJSON()` is followed and bigints become strings.
 *
 * @publicApi
 */
export class ArgumentRedactor extends KeyRedactor {
  private readonly names: ReadonlySet<string>;
  private readonly patterns: readonly RegExp[];

  constructor(fields: ReadonlyArray<string | RegExp> = DEFAULT_REDACTED_FIELDS) {
    super();
    this.names = new Set(fields.filter((field): field is string => typeof field === 'string').map(normalizeFieldName));
    this.patterns = fields.filter((field): field is RegExp => field instanceof RegExp);
  }

  protected override namesSecret(key: string): boolean {
    return this.names.has(normalizeFieldName(key)) || this.patterns.some((pattern) => pattern.test(key));
  }

  protected override scalar(value: unknown): unknown {
    return typeof value === 'bigint' ? value.toString() : value;
  }

  protected override substitute(value: object): unknown {
    const { toJSON } = value as { toJSON?: unknown };
    return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
  }
}
