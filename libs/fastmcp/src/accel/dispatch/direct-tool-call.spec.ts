import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Server, type JSONRPCMessage, type JSONRPCRequest, type ServerContext, type Transport } from '@modelcontextprotocol/server';
import type { McpToolCallHandler } from '../../server/mcp-sdk.server.js';
import { serveToolCall } from './direct-tool-call.js';
import { liftPlainToolCall } from './tool-call-lift.js';

/** A connected server whose transport keeps what it is sent. */
async function connectedServer(): Promise<{ server: Server; sent: JSONRPCMessage[] }> {
  const sent: JSONRPCMessage[] = [];
  const transport: Transport = { start: async () => undefined, close: async () => undefined, send: async (message) => void sent.push(message) };
  const server = new Server({ name: 'direct', version: '1.0.0' }, { capabilities: { tools: {} } });
  await server.connect(transport);
  return { server, sent };
}

const call = (id: number): JSONRPCRequest => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { text: `call ${id}` } } });

/** Serves `request` directly and resolves with the context its handler saw, once the call has been answered (or not, if aborted). */
async function serve(server: Server, request: JSONRPCRequest, handle?: (ctx: ServerContext) => Promise<void>): Promise<ServerContext> {
  let seen!: ServerContext;
  const handler: McpToolCallHandler = async (req, ctx) => {
    seen = ctx;
    await handle?.(ctx);
    return { content: [{ type: 'text', text: String((req.params.arguments as { text: string }).text) }] };
  };
  serveToolCall(server, handler, liftPlainToolCall(request)!, {}, () => false);
  await new Promise((resolve) => setImmediate(resolve));
  return seen;
}

describe('serveToolCall', () => {
  it('answers a plain call as the SDK dispatch would', async () => {
    const { server, sent } = await connectedServer();
    await serve(server, call(1));
    assert.deepEqual(sent, [{ result: { content: [{ type: 'text', text: 'call 1' }] }, jsonrpc: '2.0', id: 1 }]);
  });

  it("gives every call's context the same signal accessor (one hidden class for all, nothing kept per call)", async () => {
    const { server } = await connectedServer();
    const first = await serve(server, call(1));
    const second = await serve(server, call(2));
    const accessor = (ctx: ServerContext) => Object.getOwnPropertyDescriptor(ctx.mcpReq, 'signal');
    assert.equal(typeof accessor(first)?.get, 'function');
    assert.equal(accessor(first)?.get, accessor(second)?.get);
    assert.equal(accessor(first)?.enumerable, true);
  });

  it('makes the signal on first read, aborted with the request, and a spread copy carries it', async () => {
    const { server, sent } = await connectedServer();
    const aborts = (server as unknown as { _requestHandlerAbortControllers: Map<number, { abort(reason: unknown): void }> })._requestHandlerAbortControllers;
    const ctx = await serve(server, call(3), async (inner) => {
      aborts.get(3)!.abort('client cancelled');
      assert.equal(inner.mcpReq.signal.aborted, true);
      assert.equal(inner.mcpReq.signal.reason, 'client cancelled');
    });
    // An aborted request is not answered, as the SDK's dispatch does not answer it.
    assert.deepEqual(sent, []);
    const copy = { ...ctx.mcpReq };
    assert.ok(copy.signal instanceof AbortSignal);
    assert.equal(copy.signal, ctx.mcpReq.signal);
  });
});
