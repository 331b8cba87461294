/**
 * A stable identity for a principal (`req.user`): `sub`, `id` or `username`, else the value
 * itself. Sessions, tasks and multi-round-trip state are bound to it.
 */
export function principalKey(user: unknown): unknown {
  if (user === undefined || user === null) return undefined;
  if (typeof user !== 'object') return user;
  const { sub, id, username } = user as Record<string, unknown>;
  return sub ?? id ?? username ?? JSON.stringify(user);
}

/**
 * A principal's identity as a string, the form stores and audit rows keep.
 *
 * @publicApi
 */
export function principalId(user: unknown): string | undefined {
  const key = principalKey(user);
  return key === undefined ? undefined : String(key);
}
