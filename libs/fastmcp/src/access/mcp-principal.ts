/**
 * The principal the built-in strategies put on `req.user` (and so on `ctx.user`). Apps with
 * their own strategies may use any shape: roles and scopes are read by `rolesOf` / `scopesOf`.
 *
 * @publicApi
 */
export interface McpPrincipal {
  /** Stable id: the JWT `sub`, or `apikey:<id>` for API keys. Sessions are bound to it. */
  readonly sub: string;
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
  /** How the principal authenticated. */
  readonly via: 'jwt' | 'api-key' | (string & {});
  /** The verified token claims, for JWT principals. */
  readonly claims?: Readonly<Record<string, unknown>>;
}

function strings(value: unknown, separator = /[\s,]+/): string[] {
  if (typeof value === 'string') return value.split(separator).filter(Boolean);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Roles of a principal: `roles` (array or string) or `role`.
 *
 * @publicApi
 */
export function rolesOf(user: unknown): string[] {
  if (typeof user !== 'object' || user === null) return [];
  const { roles, role } = user as Record<string, unknown>;
  return roles !== undefined ? strings(roles) : strings(role);
}

/**
 * OAuth scopes of a principal: `scopes` (array), or the token's `scope` (space-delimited,
 * RFC 9068 / RFC 8693) or `scp` claim.
 *
 * @publicApi
 */
export function scopesOf(user: unknown): string[] {
  if (typeof user !== 'object' || user === null) return [];
  const { scopes, scope, scp } = user as Record<string, unknown>;
  if (scopes !== undefined) return strings(scopes, /\s+/);
  return scope !== undefined ? strings(scope, /\s+/) : strings(scp, /\s+/);
}
