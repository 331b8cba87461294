import assert from 'node:assert/strict';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { HttpException } from '@nestjs/common';
import { SignJWT } from 'jose';
import passport from 'passport';
import { Strategy } from 'passport-strategy';
import { deferRequestInit } from '../../common/deferred-request-init.js';
import type { McpHttpRequest } from '../../common/mcp-http-request.js';
import { McpHttpRouteContext } from '../../http/mcp-http-route.context.js';
import { hashMcpApiKey } from '../api-key/api-key.hash.js';
import { McpApiKeyStrategy } from '../api-key/mcp-api-key.strategy.js';
import { McpJwtStrategy } from '../jwt/mcp-jwt.strategy.js';
import { MCP_API_KEY_STRATEGY, MCP_JWT_STRATEGY } from '../mcp-auth.constants.js';
import { McpAuthGuard } from './mcp-auth.guard.js';
import { resolveMcpAuthOptions } from './mcp-auth.module-definition.js';

const ISSUER = 'https://as.example';
const RESOURCE = 'https://mcp.example/mcp';
const SECRET = 'a-test-secret-of-enough-length-for-hs256';
const auth = (strategies: string[]) => resolveMcpAuthOptions({ resource: RESOURCE, authorizationServers: [ISSUER], strategies });
// Constructing a strategy registers it with passport under its name.
new McpJwtStrategy({ secret: SECRET, issuer: ISSUER }, auth([MCP_JWT_STRATEGY]));
new McpApiKeyStrategy({ keys: [{ id: 'ci', hash: hashMcpApiKey('key-one') }] });

/** An app's own strategy: accepts `x-test-user`. */
class HeaderUserStrategy extends Strategy {
  override authenticate(req: IncomingMessage): void {
    const user = req.headers['x-test-user'];
    if (typeof user === 'string') this.success({ sub: user });
    else this.fail('no x-test-user', 401);
  }
}
passport.use('test-header-user', new HeaderUserStrategy());

const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;
const mint = (claims: Record<string, unknown> = {}) =>
  new SignJWT({ sub: 'ada', exp: inFiveMinutes(), ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(RESOURCE).sign(new TextEncoder().encode(SECRET));

class Endpoint {
  post(): void {}
}

/** A request the fast path took ahead of Express, and the route context its endpoint guards get. */
function routeRequest(headers: Record<string, string>): { context: McpHttpRouteContext; req: McpHttpRequest; res: ServerResponse; expressInit: () => boolean } {
  const req = new IncomingMessage(new Socket()) as McpHttpRequest;
  req.headers = { host: 'mcp.example', ...headers };
  req.method = 'POST';
  req.url = '/mcp';
  req.body = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
  const res = new ServerResponse(req);
  let initialised = false;
  deferRequestInit(req, () => (initialised = true));
  return { context: new McpHttpRouteContext(req, res, Endpoint, Endpoint.prototype.post), req, res, expressInit: () => initialised };
}

async function refusal(guard: McpAuthGuard, context: McpHttpRouteContext): Promise<HttpException> {
  const error = await guard.canActivate(context).then(
    () => assert.fail('the guard let the request through'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof HttpException);
  return error;
}

describe('McpAuthGuard', () => {
  describe("with this library's strategies", () => {
    it('accepts a valid token and sets req.user, leaving the request a bare Node one', async () => {
      const guard = new McpAuthGuard(auth([MCP_JWT_STRATEGY]));
      const { context, req, expressInit } = routeRequest({ authorization: `Bearer ${await mint({ roles: ['ops'] })}` });
      assert.equal(await guard.canActivate(context), true);
      assert.equal((req.user as { sub: string }).sub, 'ada');
      assert.deepEqual((req.user as { roles: string[] }).roles, ['ops']);
      assert.equal(expressInit(), false);
    });

    it('answers an invalid token with 401 and an invalid_token challenge on the response', async () => {
      const guard = new McpAuthGuard(auth([MCP_JWT_STRATEGY]));
      const { context, req, res, expressInit } = routeRequest({ authorization: `Bearer ${(await mint()).slice(0, -4)}AAAA` });
      const error = await refusal(guard, context);
      assert.equal(error.getStatus(), 401);
      assert.match(String(res.getHeader('www-authenticate')), /^Bearer error="invalid_token"/);
      assert.equal(req.user, undefined);
      assert.equal(expressInit(), false);
    });

    it('challenges a request with no credential without an error code', async () => {
      const guard = new McpAuthGuard(auth([MCP_JWT_STRATEGY]));
      const { context, res } = routeRequest({});
      assert.equal((await refusal(guard, context)).getStatus(), 401);
      const challenge = String(res.getHeader('www-authenticate'));
      assert.match(challenge, /^Bearer /);
      assert.doesNotMatch(challenge, /error=/);
    });

    it('says "Token has expired" for an expired token', async () => {
      const guard = new McpAuthGuard(auth([MCP_JWT_STRATEGY]));
      const expired = await mint({ exp: Math.floor(Date.now() / 1000) - 60 });
      const { context, res } = routeRequest({ authorization: `Bearer ${expired}` });
      await refusal(guard, context);
      assert.match(String(res.getHeader('www-authenticate')), /error_description="Token has expired"/);
    });

    it('tries the strategies in order: the second accepts what the first refuses, and both refusing is one challenge', async () => {
      const guard = new McpAuthGuard(auth([MCP_JWT_STRATEGY, MCP_API_KEY_STRATEGY]));
      const byKey = routeRequest({ 'x-api-key': 'key-one' });
      assert.equal(await guard.canActivate(byKey.context), true);
      assert.equal((byKey.req.user as { sub: string }).sub, 'apikey:ci');
      const byToken = routeRequest({ authorization: `Bearer ${await mint()}` });
      assert.equal(await guard.canActivate(byToken.context), true);
      assert.equal((byToken.req.user as { sub: string }).sub, 'ada');
      const neither = routeRequest({ 'x-api-key': 'key-two' });
      assert.equal((await refusal(guard, neither.context)).getStatus(), 401);
      assert.match(String(neither.res.getHeader('www-authenticate')), /error="invalid_token"/);
    });
  });

  describe("with an app's own passport strategy", () => {
    it('authenticates through passport, and the strategy sees the request as the app would (Express init run)', async () => {
      const guard = new McpAuthGuard(auth(['test-header-user']));
      const accepted = routeRequest({ 'x-test-user': 'grace' });
      assert.equal(await guard.canActivate(accepted.context), true);
      assert.equal((accepted.req.user as { sub: string }).sub, 'grace');
      assert.equal(accepted.expressInit(), true);
      const refused = routeRequest({});
      assert.equal((await refusal(guard, refused.context)).getStatus(), 401);
    });

    it('mixes with ours: passport asks them all, in order', async () => {
      const guard = new McpAuthGuard(auth([MCP_JWT_STRATEGY, 'test-header-user']));
      const byToken = routeRequest({ authorization: `Bearer ${await mint()}` });
      assert.equal(await guard.canActivate(byToken.context), true);
      assert.equal((byToken.req.user as { sub: string }).sub, 'ada');
      const byHeader = routeRequest({ 'x-test-user': 'grace' });
      assert.equal(await guard.canActivate(byHeader.context), true);
      assert.equal((byHeader.req.user as { sub: string }).sub, 'grace');
    });
  });
});
