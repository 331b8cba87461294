import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export const ISSUER = 'https://auth.test.example';
/** The MCP server's resource identifier: the audience its tokens carry. */
export const RESOURCE = 'https://mcp.test.example/mcp';
export const RESOURCE_METADATA_URL = 'https://mcp.test.example/.well-known/oauth-protected-resource/mcp';
export const SECRET = 'a-test-only-hs256-secret-of-32-bytes!';

export interface TokenClaims {
  sub?: string;
  roles?: string[];
  scope?: string;
  aud?: string;
  iss?: string;
  /** Seconds since the epoch, or a jose time span such as '5m'. */
  exp?: number | string;
  key?: Uint8Array | CryptoKey;
  alg?: string;
  kid?: string;
}

/** A real signed JWT, as an authorization server would mint it for this resource. */
export async function mintToken({
  sub = 'alice',
  roles = [],
  scope,
  aud = RESOURCE,
  iss = ISSUER,
  exp = '5m',
  key = new TextEncoder().encode(SECRET),
  alg = 'HS256',
  kid,
}: TokenClaims = {}): Promise<string> {
  return new SignJWT({ roles, ...(scope !== undefined ? { scope } : {}) })
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setSubject(sub)
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key);
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function rsaKeyPair() {
  return generateKeyPair('RS256', { extractable: true });
}
