import { createHmac } from 'node:crypto';

/**
 * The access token of the production profile (`ours-prod`): HS256, signed with a secret the bench
 * server and the load generator share, for the server's resource as audience. One token per run,
 * sent on every call, as a client holds one token for its session.
 */
export const BENCH_JWT = {
  secret: 'nestjs-fastmcp-bench-secret-not-for-production-use',
  issuer: 'https://auth.bench.invalid',
  resource: 'https://mcp.bench.invalid/mcp',
} as const;

export function benchBearerToken(lifetimeSeconds = 24 * 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'bench-user', iss: BENCH_JWT.issuer, aud: BENCH_JWT.resource, scope: 'tools:call', iat: now, exp: now + lifetimeSeconds })}`;
  return `${signingInput}.${createHmac('sha256', BENCH_JWT.secret).update(signingInput).digest('base64url')}`;
}
