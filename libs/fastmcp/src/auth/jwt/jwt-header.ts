/** The `kid` of a compact JWS's protected header; throws when the header is not JSON. */
export function kidOf(token: string): string | undefined {
  const header = JSON.parse(Buffer.from(token.slice(0, Math.max(0, token.indexOf('.'))), 'base64url').toString('utf8')) as { kid?: unknown } | null;
  return typeof header?.kid === 'string' ? header.kid : undefined;
}
