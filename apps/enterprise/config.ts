/** Shared by the server and the token minting script; every value can come from the environment. */
export const port = Number(process.env.PORT ?? 3002);
export const host = process.env.HOST ?? '127.0.0.1';
/** This server's public MCP URL: the audience every token must be minted for. */
export const resource = process.env.MCP_RESOURCE ?? `http://127.0.0.1:${port}/mcp`;
/** The authorization server (your IdP: Keycloak, Auth0, Entra ID ...). */
export const issuer = process.env.JWT_ISSUER ?? 'http://localhost:9000';
/** HS256 for the demo; in production set JWKS_URI to the IdP's key set instead. */
export const secret = process.env.JWT_SECRET ?? 'dev-only-secret-replace-me-with-32-bytes';
export const jwksUri = process.env.JWKS_URI;
/** Where sessions, call logs and the audit trail are kept (PostgreSQL). */
export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** A schema of its own in that database, when several servers share it. */
export const databaseSchema = process.env.DATABASE_SCHEMA;
