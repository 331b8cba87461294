import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Injectable, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SkipThrottle, Throttle, ThrottlerModule } from '@nestjs/throttler';
import { McpModule, McpTool } from 'nestjs-fastmcp';
import { McpThrottlerGuard } from 'nestjs-fastmcp/throttler';
import { ERAS, textOf } from './support/clients.js';
import { INITIALIZE, postJson } from './support/raw-http.js';
import { HeaderUserMiddleware } from './support/header-user.middleware.js';
import { startApp, type RunningApp } from './support/test-app.js';

@Injectable()
class SearchTools {
  @Throttle({ default: { limit: 2, ttl: 600 } })
  @McpTool({ name: 'expensive_search' })
  search() {
    return 'results';
  }

  @SkipThrottle()
  @McpTool({ name: 'cheap_ping' })
  ping() {
    return 'pong';
  }
}

@Module({
  imports: [
    // The endpoint as a whole: 40 HTTP requests per principal per second.
    ThrottlerModule.forRoot([{ ttl: 1_000, limit: 40 }]),
    McpModule.forRoot({ name: 'search', version: '1.0.0' }),
  ],
  providers: [SearchTools, { provide: APP_GUARD, useClass: McpThrottlerGuard }],
})
class RateLimitedModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(HeaderUserMiddleware).forRoutes('*');
  }
}

describe('rate limiting MCP calls per principal and per tool (@nestjs/throttler)', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({ imports: [RateLimitedModule] });
  });

  after(() => running.close());

  for (const { era, connect } of ERAS) {
    it(`trips after the tool's limit with a clear error, spares other principals, and recovers, ${era}`, async () => {
      const user = `user-${era.slice(0, 6)}`;
      const { client } = await connect(running.mcpUrl, { 'x-user': user });
      const { client: other } = await connect(running.mcpUrl, { 'x-user': `${user}-other` });
      assert.equal(textOf(await client.callTool({ name: 'expensive_search', arguments: {} })), 'results');
      assert.equal(textOf(await client.callTool({ name: 'expensive_search', arguments: {} })), 'results');

      const limited = await client.callTool({ name: 'expensive_search', arguments: {} });
      assert.equal(limited.isError, true);
      assert.match(textOf(limited), /^Rate limit exceeded for SearchTools\.search: at most 2 calls per 0\.6s, retry in \d+s$/);

      assert.equal(textOf(await client.callTool({ name: 'cheap_ping', arguments: {} })), 'pong', 'other tools are not limited');
      assert.equal(textOf(await other.callTool({ name: 'expensive_search', arguments: {} })), 'results', 'other principals are not limited');

      await sleep(1_100);
      assert.equal(textOf(await client.callTool({ name: 'expensive_search', arguments: {} })), 'results', 'the limit recovers');
      await client.close();
      await other.close();
    });
  }

  it('limits the HTTP endpoint per principal with 429 and Retry-After', async () => {
    let status = 0;
    let response: Response | undefined;
    for (let i = 0; i < 45 && status !== 429; i++) {
      response = await postJson(running.mcpUrl, INITIALIZE, { 'x-user': 'flooder' });
      status = response.status;
    }
    assert.equal(status, 429);
    assert.ok(Number(response!.headers.get('retry-after')) >= 1);
    assert.notEqual((await postJson(running.mcpUrl, INITIALIZE, { 'x-user': 'patient' })).status, 429);
  });
});
