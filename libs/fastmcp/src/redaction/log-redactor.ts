import { KeyRedactor } from './key-redactor.js';

export { REDACTED } from './key-redactor.js';

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

const normalize = (key: string) => key.toLowerCase().replace(/[-_\s]/g, '');

/**
 * Log data (and the arguments of `tool.called` events) with the values of secret-named keys
 * replaced by `[REDACTED]`, at any depth. Dates and binary data pass through as they are.
 */
export class McpLogRedactor extends KeyRedactor {
  private readonly fields: ReadonlySet<string>;

  constructor(fields: readonly string[] = DEFAULT_REDACTED_FIELDS) {
    super();
    this.fields = new Set(fields.map(normalize));
  }

  override redact<T>(value: T): T {
    return this.fields.size === 0 ? value : super.redact(value);
  }

  protected override namesSecret(key: string): boolean {
    return this.fields.has(normalize(key));
  }

  protected override keepsAsIs(value: object): boolean {
    return value instanceof Date || ArrayBuffer.isView(value);
  }
}
