import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Throttle, ThrottlerModule } from '@nestjs/throttler';
import { McpModule, McpTool } from 'nestjs-fastmcp';
import { MCP_METRICS, McpObservabilityModule, type McpMetrics } from 'nestjs-fastmcp/observability';
import { McpThrottlerGuard } from 'nestjs-fastmcp/throttler';
import { connectModern } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

@Injectable()
class LimitedTools {
  @Throttle({ default: { limit: 1, ttl: 60_000 } })
  @McpTool({ name: 'once_a_minute' })
  once() {
    return 'done';
  }

  @McpTool({ name: 'too_slow', timeoutMs: 20 })
  async slow() {
    await sleep(500);
    return 'late';
  }
}

@Module({
  imports: [
    ThrottlerModule.forRoot([{ ttl: 1_000, limit: 100 }]),
    McpModule.forRoot({ name: 'limited', version: '1.0.0' }),
    McpObservabilityModule.forRoot({ metrics: { defaultMetrics: false } }),
  ],
  providers: [LimitedTools, { provide: APP_GUARD, useClass: McpThrottlerGuard }],
})
class LimitedAppModule {}

describe('observability metrics of rate-limited and timed-out calls', () => {
  let running: RunningApp;
  let values: { labels: Record<string, string | number>; value: number; metricName?: string }[];
  let named: (name: string) => typeof values;

  before(async () => {
    running = await startApp({ imports: [LimitedAppModule] });
    const { client } = await connectModern(running.mcpUrl);
    assert.equal((await client.callTool({ name: 'once_a_minute', arguments: {} })).isError, undefined);
    assert.equal((await client.callTool({ name: 'once_a_minute', arguments: {} })).isError, true);
    assert.equal((await client.callTool({ name: 'too_slow', arguments: {} })).isError, true);
    await client.close();
    const metrics = running.app.get<McpMetrics>(MCP_METRICS);
    const all = await metrics.registry.getMetricsAsJSON();
    named = (name) => (all.find((metric) => metric.name === name)?.values ?? []) as typeof values;
  });

  after(() => running.close());

  it('counts a call refused by McpThrottlerGuard as rate-limited', () => {
    assert.deepEqual(named('mcp_rate_limited_total').map((v) => [v.labels.tool, v.value]), [['once_a_minute', 1]]);
  });

  it('counts a call that ran out of time with outcome timeout', () => {
    const outcomes = named('mcp_tool_calls_total').map((v) => `${v.labels.tool} ${v.labels.outcome} ${v.value}`).sort();
    assert.deepEqual(outcomes, ['once_a_minute error 1', 'once_a_minute ok 1', 'too_slow timeout 1']);
  });
});
