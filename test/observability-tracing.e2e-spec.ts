import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { observedApp } from './fixtures/observed-app.fixture.js';
import { ERAS, textOf } from './support/clients.js';
import { startApp, type RunningApp } from './support/test-app.js';

const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CLIENT_SPAN_ID}-01`;

/** Stands in for HTTP instrumentation: a server span active around each POST, as `@opentelemetry/instrumentation-http` makes. */
function httpServerSpans(req: { method?: string; url?: string }, res: { on(event: 'finish', listener: () => void): void }, next: () => void): void {
  if (req.method !== 'POST') return next();
  const span = trace.getTracer('http-test').startSpan(`POST ${(req.url ?? '').split('?')[0]}`, { kind: SpanKind.SERVER });
  res.on('finish', () => span.end());
  context.with(trace.setSpan(context.active(), span), next);
}

const spansNamed = (name: string): ReadableSpan[] => exporter.getFinishedSpans().filter((span) => span.name === name);

for (const { era, connect } of ERAS) {
  describe(`observability tracing, ${era}`, () => {
    let running: RunningApp;
    let client: Awaited<ReturnType<typeof connect>>['client'];

    let tracedHttp: RunningApp;

    before(async () => {
      running = await startApp({ imports: [observedApp({ tracing: { captureArguments: true } })] });
      tracedHttp = await startApp({ imports: [observedApp({ tracing: true })] }, '/mcp', (app) => app.use(httpServerSpans));
      ({ client } = await connect(running.mcpUrl, { 'x-user': 'ada' }));
    });

    after(async () => {
      await client.close();
      await running.close();
      await tracedHttp.close();
    });

    beforeEach(() => exporter.reset());

    it('makes a server span "tools/call add" with the MCP and gen_ai attributes', async () => {
      assert.equal(textOf(await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } })), '3');
      const [span] = spansNamed('tools/call add');
      assert.ok(span, `spans: ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
      assert.equal(span.kind, SpanKind.SERVER);
      assert.equal(span.attributes['mcp.method.name'], 'tools/call');
      assert.equal(span.attributes['gen_ai.tool.name'], 'add');
      assert.equal(span.attributes['gen_ai.operation.name'], 'execute_tool');
      assert.equal(typeof span.attributes['jsonrpc.request.id'], 'string');
      assert.equal(typeof span.attributes['mcp.protocol.version'], 'string');
      assert.equal(span.attributes['error.type'], undefined);
      assert.equal(span.status.code, SpanStatusCode.UNSET);
    });

    it('carries the session id on 2025-era requests only', async () => {
      await client.callTool({ name: 'add', arguments: { a: 1, b: 1 } });
      const [span] = spansNamed('tools/call add');
      if (era.startsWith('legacy')) assert.equal(typeof span!.attributes['mcp.session.id'], 'string');
      else assert.equal(span!.attributes['mcp.session.id'], undefined);
    });

    it('is the child of the client span named by _meta.traceparent', async () => {
      await client.callTool({ name: 'add', arguments: { a: 2, b: 2 }, _meta: { traceparent: TRACEPARENT } });
      const [span] = spansNamed('tools/call add');
      assert.equal(span!.spanContext().traceId, TRACE_ID);
      assert.equal(span!.parentSpanContext?.spanId, CLIENT_SPAN_ID);
      assert.equal(span!.parentSpanContext?.isRemote, true);
    });

    it('starts a new trace when the client sent none', async () => {
      await client.callTool({ name: 'add', arguments: { a: 3, b: 3 } });
      const [span] = spansNamed('tools/call add');
      assert.equal(span!.parentSpanContext, undefined);
      assert.notEqual(span!.spanContext().traceId, TRACE_ID);
    });

    it('marks a failing tool with error status and error.type tool_error', async () => {
      assert.equal((await client.callTool({ name: 'broken', arguments: {} })).isError, true);
      const [span] = spansNamed('tools/call broken');
      assert.equal(span!.status.code, SpanStatusCode.ERROR);
      assert.equal(span!.status.message, 'boom');
      assert.equal(span!.attributes['error.type'], 'tool_error');
    });

    it('names a JSON-RPC error by its code, and a tool the registry does not hold _unknown', async () => {
      await assert.rejects(client.callTool({ name: 'not-registered', arguments: {} }));
      const [span] = spansNamed('tools/call _unknown');
      assert.equal(span!.attributes['error.type'], '-32602');
      assert.equal(span!.attributes['gen_ai.tool.name'], 'not-registered');
      assert.equal(span!.status.code, SpanStatusCode.ERROR);
    });

    it('captures arguments and result when asked, with secrets redacted', async () => {
      await client.callTool({ name: 'login', arguments: { user: 'ada', password: 'hunter2' } });
      const [span] = spansNamed('tools/call login');
      const args = JSON.parse(String(span!.attributes['gen_ai.tool.call.arguments'])) as Record<string, string>;
      assert.deepEqual(args, { user: 'ada', password: '[REDACTED]' });
      assert.match(String(span!.attributes['gen_ai.tool.call.result']), /welcome ada/);
    });

    it('names a prompt request after its prompt', async () => {
      await client.getPrompt({ name: 'greet', arguments: { who: 'Ada' } });
      const [span] = spansNamed('prompts/get greet');
      assert.equal(span!.attributes['gen_ai.prompt.name'], 'greet');
    });

    it("runs the handler inside its request's span, so the handler's own spans are its children", async () => {
      const activeSpanId = textOf(await client.callTool({ name: 'active-span', arguments: {} }));
      const [span] = spansNamed('tools/call active-span');
      assert.equal(activeSpanId, span!.spanContext().spanId);
    });

    it('is the child of the span active around the HTTP request when the client sent no trace context', async () => {
      const { client: traced } = await connect(tracedHttp.mcpUrl);
      exporter.reset();
      await traced.callTool({ name: 'add', arguments: { a: 1, b: 1 } });
      await traced.close();
      const [span] = spansNamed('tools/call add');
      const [http] = spansNamed('POST /mcp');
      assert.ok(http, `spans: ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
      assert.equal(span!.parentSpanContext?.spanId, http.spanContext().spanId);
    });

    it('traces list requests under the method name alone', async () => {
      await client.listTools();
      assert.equal(spansNamed('tools/list').length, 1);
    });
  });
}
