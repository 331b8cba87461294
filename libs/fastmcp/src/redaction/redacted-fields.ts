/**
 * Keys whose values never reach logs, events or the audit table by default: matched ignoring
 * case and everything but letters and digits (`api_key`, `API-Key` and `apiKey` are one field).
 * Extend it with `[...DEFAULT_REDACTED_FIELDS, 'ssn']`.
 *
 * @publicApi
 */
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
  'creditCard',
  'cardNumber',
  'cvv',
  'ssn',
]);

/** The form field names are compared in. */
export function normalizeFieldName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
