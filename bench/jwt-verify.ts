/**
 * Cost of verifying one access token (HS256), in µs, as medians of interleaved rounds:
 *   - `jsonwebtoken, string secret`: what passport-jwt does with `secretOrKey: '<secret>'`
 *     (a key object made again from the string on every call);
 *   - `jsonwebtoken, KeyObject`: the same with `secretOrKey: createSecretKey(...)`;
 *   - `McpJwtVerifier, new token`: McpJwtModule on a token it has not seen;
 *   - `McpJwtVerifier, cached token`: McpJwtModule on a token it verified before.
 *
 *   npm run bench:jwt -- [--rounds 15] [--ops 2000]
 */
import { createSecretKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import jwt from 'jsonwebtoken';
import { SignJWT } from 'jose';
import { McpJwtVerifier } from 'nestjs-fastmcp/auth';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' }, ops: { type: 'string', default: '2000' } } });
const rounds = Number(values.rounds);
const ops = Number(values.ops);
const SECRET = 'bench-secret-bench-secret-bench-secret';
const ISSUER = 'https://as.example';
const AUDIENCE = 'https://mcp.example/mcp';
const key = createSecretKey(Buffer.from(SECRET));

const mint = (i: number) =>
  new SignJWT({ sub: `user-${i}`, scope: 'tools:call' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);

const tokens = await Promise.all(Array.from({ length: ops * (rounds + 1) }, (_, i) => mint(i)));
const verifierOptions = { key, issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], clockToleranceSeconds: 0 };
const cached = new McpJwtVerifier({ ...verifierOptions, cache: {} });
const uncached = new McpJwtVerifier({ ...verifierOptions, cache: false });
const jwtOptions = { algorithms: ['HS256' as const], issuer: ISSUER, audience: AUDIENCE };
let next = 0;

const cases: Record<string, () => Promise<void>> = {
  'jsonwebtoken, string secret': async () => {
    for (let i = 0; i < ops; i++) jwt.verify(tokens[i]!, SECRET, jwtOptions);
  },
  'jsonwebtoken, KeyObject': async () => {
    for (let i = 0; i < ops; i++) jwt.verify(tokens[i]!, key as unknown as string, jwtOptions);
  },
  'McpJwtVerifier, new token': async () => {
    for (let i = 0; i < ops; i++) await uncached.verify(tokens[next++ % tokens.length]!);
  },
  'McpJwtVerifier, cached token': async () => {
    const token = tokens[0]!;
    for (let i = 0; i < ops; i++) await cached.verify(token);
  },
};

const samples = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
for (const run of Object.values(cases)) await run(); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(cases)) {
    const started = process.hrtime.bigint();
    await run();
    samples.get(name)!.push(Number(process.hrtime.bigint() - started) / 1000 / ops);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`| verification (HS256) | µs per token, median of ${rounds} rounds × ${ops} |\n|---|---:|`);
for (const [name, values] of samples) console.log(`| ${name} | ${median(values).toFixed(2)} |`);
