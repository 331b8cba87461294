import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { Module } from '@nestjs/common';
import { McpModule } from 'nestjs-fastmcp';
import { MCP_METRICS, McpObservabilityModule, type McpMetrics } from 'nestjs-fastmcp/observability';
import { ObservedTools, observedApp } from './fixtures/observed-app.fixture.js';
import { connectLegacy, connectModern, ERAS, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

/** One sample of the Prometheus text format: `name{label="value",…} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format (version 0.0.4): comments skipped, every sample line read. */
function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(match, `not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const sample = (samples: Sample[], name: string, labels: Record<string, string>) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(labels).length)?.value;

for (const { era, connect } of ERAS) {
  describe(`observability metrics, ${era}`, () => {
    let running: RunningApp;
    let samples: Sample[];
    let metricsText: string;
    const CALLS = 3;

    before(async () => {
      running = await startApp({ imports: [observedApp({ metrics: true })] });
      const { client } = await connect(running.mcpUrl, { 'x-user': 'ada' });
      for (let i = 0; i < CALLS; i++) {
        assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: i, b: 1 } })), String(i + 1));
        assert.equal((await client.callTool({ name: 'broken', arguments: {} })).isError, true);
        assert.equal((await client.callTool({ name: 'locked', arguments: {} })).isError, true);
      }
      await client.close();
      const response = await fetch(`${running.baseUrl}/metrics`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      metricsText = await response.text();
      samples = parsePrometheusText(metricsText);
    });

    after(() => running.close());

    it('counts each tool call by tool and outcome', () => {
      assert.equal(sample(samples, 'mcp_tool_calls_total', { tool: 'add', outcome: 'ok' }), CALLS);
      assert.equal(sample(samples, 'mcp_tool_calls_total', { tool: 'broken', outcome: 'error' }), CALLS);
      assert.equal(sample(samples, 'mcp_tool_calls_total', { tool: 'locked', outcome: 'denied' }), CALLS);
      assert.equal(samples.filter((s) => s.name === 'mcp_tool_calls_total').length, 3);
    });

    it('times each tools/call in mcp_server_operation_duration_seconds, with error.type tool_error for error results', () => {
      const count = (labels: Record<string, string>) => sample(samples, 'mcp_server_operation_duration_seconds_count', { mcp_method_name: 'tools/call', ...labels });
      assert.equal(count({ gen_ai_tool_name: 'add' }), CALLS);
      assert.equal(count({ gen_ai_tool_name: 'broken', error_type: 'tool_error' }), CALLS);
      assert.equal(count({ gen_ai_tool_name: 'locked', error_type: 'tool_error' }), CALLS);
      const bucketsOfAdd = samples.filter((s) => s.name === 'mcp_server_operation_duration_seconds_bucket' && s.labels.gen_ai_tool_name === 'add');
      assert.equal(bucketsOfAdd.find((s) => s.labels.le === '+Inf')?.value, CALLS);
    });

    it('names a tool the registry does not hold _unknown', async () => {
      const { client } = await connect(running.mcpUrl);
      await assert.rejects(client.callTool({ name: 'no-such-tool-1234', arguments: {} }));
      await client.close();
      const metrics = running.app.get<McpMetrics>(MCP_METRICS);
      const histogram = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'mcp_server_operation_duration_seconds')!;
      const names = new Set((histogram as { values: { labels: Record<string, unknown> }[] }).values.map((v) => v.labels.gen_ai_tool_name));
      assert.ok(names.has('_unknown'));
      assert.ok(![...names].includes('no-such-tool-1234'));
    });

    it('serves the process metrics and the session gauge beside them', () => {
      assert.ok(samples.some((s) => s.name === 'process_cpu_user_seconds_total'));
      assert.ok(samples.some((s) => s.name === 'mcp_active_sessions'));
      assert.match(metricsText, /# TYPE mcp_server_operation_duration_seconds histogram/);
    });
  });
}

describe('observability metrics: open streams and notifications sent', () => {
  let running: RunningApp;
  const scrape = async () => parsePrometheusText(await (await fetch(`${running.baseUrl}/metrics`)).text());

  before(async () => {
    running = await startApp({ imports: [observedApp({ metrics: true }, undefined, { transports: ['streamable-http', 'sse'] })] });
  });

  after(() => running.close());

  it("counts a session's standalone GET stream while it is open, and not after", async () => {
    const { client, standaloneStream } = await connectLegacy(running.mcpUrl);
    await standaloneStream;
    assert.equal(sample(await scrape(), 'mcp_open_streams', { kind: 'standalone' }), 1);
    await client.close();
    // The server learns of the closed connection a moment later.
    for (let i = 0; i < 50 && sample(await scrape(), 'mcp_open_streams', { kind: 'standalone' }) !== 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(sample(await scrape(), 'mcp_open_streams', { kind: 'standalone' }), 0);
  });

  it('counts a legacy HTTP+SSE connection while it is open, and not after', async () => {
    const client = new LegacyClient({ name: 'sse-client', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${running.baseUrl}/sse`)));
    assert.equal(sample(await scrape(), 'mcp_open_streams', { kind: 'sse' }), 1);
    await client.close();
    for (let i = 0; i < 50 && sample(await scrape(), 'mcp_open_streams', { kind: 'sse' }) !== 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(sample(await scrape(), 'mcp_open_streams', { kind: 'sse' }), 0);
  });

  it('counts notifications sent, by method', async () => {
    const before = await scrape();
    const count = (samples: Sample[], method: string) => sample(samples, 'mcp_notifications_sent_total', { method }) ?? 0;
    const { client } = await connectLegacy(running.mcpUrl);
    await client.setLoggingLevel('info');
    let progress = 0;
    await client.callTool({ name: 'progressive', arguments: {} }, undefined, { onprogress: () => progress++ });
    await client.close();
    assert.equal(progress, 2);
    const after = await scrape();
    assert.equal(count(after, 'notifications/progress') - count(before, 'notifications/progress'), 2);
    assert.equal(count(after, 'notifications/message') - count(before, 'notifications/message'), 1);
  });
});

describe('observability metrics from forRootAsync', () => {
  let running: RunningApp;

  before(async () => {
    @Module({
      imports: [
        McpModule.forRoot({ name: 'observed-async', version: '1.0.0' }),
        McpObservabilityModule.forRootAsync({ useFactory: async () => ({ metrics: { path: '/internal/metrics', defaultMetrics: false } }) }),
      ],
      providers: [ObservedTools],
    })
    class AsyncObservedAppModule {}
    running = await startApp({ imports: [AsyncObservedAppModule] });
  });

  after(() => running.close());

  it('serves the path and the choices the factory gave', async () => {
    const { client } = await connectModern(running.mcpUrl);
    await client.callTool({ name: 'add', arguments: { a: 1, b: 1 } });
    await client.close();
    const response = await fetch(`${running.baseUrl}/internal/metrics`);
    assert.equal(response.status, 200);
    const samples = parsePrometheusText(await response.text());
    assert.equal(sample(samples, 'mcp_tool_calls_total', { tool: 'add', outcome: 'ok' }), 1);
    assert.ok(!samples.some((s) => s.name.startsWith('process_')));
  });
});
