import type { Variables } from '@modelcontextprotocol/server';

/**
 * The variables of a URI matched against a resource template, percent-decoded. RFC 6570
 * expansion percent-encodes a value (simple `{name}`: everything outside the unreserved set), so
 * `files://{name}` expanded with `a b` is `files://a%20b`; matching undoes it, and the handler
 * sees `a b`. The SDK's `UriTemplate.match` returns the encoded text. `undefined` when a value
 * holds a malformed percent sequence, which no expansion produces: the URI does not match.
 */
export function decodedVariables(variables: Variables): Record<string, string | string[]> | undefined {
  const decoded: Record<string, string | string[]> = {};
  try {
    for (const name in variables) {
      const value = variables[name]!;
      decoded[name] = Array.isArray(value) ? value.map(decode) : decode(value);
    }
  } catch {
    return undefined;
  }
  return decoded;
}

function decode(value: string): string {
  return value.includes('%') ? decodeURIComponent(value) : value;
}
