import type { ServerResponse } from 'node:http';
import { HttpException, UnauthorizedException } from '@nestjs/common';
import { bearerAuthChallengeResponse, OAuthError, OAuthErrorCode } from '@modelcontextprotocol/server';

/**
 * The exception a guard throws to refuse a request with an RFC 6750 challenge: the SDK builds
 * status, `WWW-Authenticate` (with `scope` and `resource_metadata`) and the OAuth error body;
 * the header goes on the response now, since Nest's exception layer only writes status and body.
 */
export function bearerChallenge(
  res: ServerResponse,
  code: OAuthErrorCode.InvalidToken | OAuthErrorCode.InsufficientScope,
  description: string,
  scopes: readonly string[],
  resourceMetadataUrl: string,
): HttpException {
  const error = new OAuthError(code, description);
  const answer = bearerAuthChallengeResponse(error, { requiredScopes: [...scopes], resourceMetadataUrl });
  const header = answer.headers.get('www-authenticate');
  if (header && !res.headersSent) res.setHeader('WWW-Authenticate', header);
  return new HttpException(error.toResponseObject(), answer.status);
}

/**
 * The 401 for a request that presented no credentials at all: RFC 6750 section 3.1 says such a
 * challenge carries no error code, so it names only where to get a token (`resource_metadata`,
 * MCP authorization "Protected Resource Metadata Discovery") and the scopes to ask for.
 */
export function credentialsChallenge(res: ServerResponse, scopes: readonly string[], resourceMetadataUrl: string): HttpException {
  const params = [`resource_metadata="${resourceMetadataUrl}"`];
  if (scopes.length > 0) params.push(`scope="${scopes.join(' ')}"`);
  if (!res.headersSent) res.setHeader('WWW-Authenticate', `Bearer ${params.join(', ')}`);
  return new UnauthorizedException('Missing credentials');
}
