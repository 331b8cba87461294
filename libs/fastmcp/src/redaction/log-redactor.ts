import { KeyRedactor } from './key-redactor.js';
import { DEFAULT_REDACTED_FIELDS, normalizeFieldName } from './redacted-fields.js';

export { REDACTED } from './key-redactor.js';
export { DEFAULT_REDACTED_FIELDS } from './redacted-fields.js';


/**
 * Log data (and the arguments of `tool.called` events) with the values of secret-named keys
 * replaced by `[REDACTED]`, at any depth. Dates and binary data pass through as they are.
 *
 * @publicApi
 */
export class McpLogRedactor extends KeyRedactor {
  private readonly fields: ReadonlySet<string>;

  constructor(fields: readonly string[] = DEFAULT_REDACTED_FIELDS) {
    super();
    this.fields = new Set(fields.map(normalizeFieldName));
  }

  override redact<T>(value: T): T {
    return this.fields.size === 0 ? value : super.redact(value);
  }

  protected override namesSecret(key: string): boolean {
    return this.fields.has(normalizeFieldName(key));
  }

  protected override keepsAsIs(value: object): boolean {
    return value instanceof Date || ArrayBuffer.isView(value);
  }
}
