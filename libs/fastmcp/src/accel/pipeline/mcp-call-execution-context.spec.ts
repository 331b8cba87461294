import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DetachedHttpResponse } from '../../common/detached-http-response.js';
import { MCP_CALL_ARGUMENT, mcpCallArguments } from '../../execution/mcp-call-arguments.js';
import { McpCallExecutionContext } from './mcp-call-execution-context.js';
import type { McpContext } from '../../interfaces/mcp-context.interface.js';

class Tools {
  search() {}
}

/** A call's context as `McpCallContext` shows it: the HTTP side read only on demand. */
function callContext(request: object | undefined, response: unknown) {
  const reads: string[] = [];
  const ctx = {
    method: 'tools/call',
    request,
    get httpRequest() {
      reads.push('request');
      return request ?? { headers: {} };
    },
    get httpResponse() {
      reads.push('response');
      return response;
    },
  } as unknown as McpContext;
  return { ctx, reads };
}

describe('the ExecutionContext of an MCP call', () => {
  it('puts the HTTP request and response where switchToHttp() looks, the arguments and McpContext after them', () => {
    const request = { headers: { authorization: 'Bearer t' }, user: { sub: 'alice' } };
    const { ctx } = callContext(request, 'res');
    const args = { user: { sub: 'mallory' } };
    const context = new McpCallExecutionContext(mcpCallArguments(args, ctx), false, Tools, Tools.prototype.search, 'mcp');
    assert.equal(context.switchToHttp().getRequest(), request);
    assert.equal(context.switchToHttp().getResponse(), 'res');
    assert.equal(context.switchToHttp().getNext(), undefined);
    assert.equal(context.getArgByIndex(MCP_CALL_ARGUMENT.args), args);
    assert.equal(context.getArgByIndex(MCP_CALL_ARGUMENT.context), ctx);
    assert.equal(context.getType(), 'mcp');
    assert.equal(context.getHandler(), Tools.prototype.search);
    assert.equal(context.getClass(), Tools);
  });

  it('lays out a call invoked with its own (args, ctx) the same way, reading the HTTP side only when asked', () => {
    const request = { headers: {}, user: { sub: 'alice' } };
    const { ctx, reads } = callContext(request, 'res');
    const args = { q: 'x' };
    const context = new McpCallExecutionContext([args, ctx], true, Tools, Tools.prototype.search, 'mcp');
    assert.equal(context.getArgByIndex(MCP_CALL_ARGUMENT.args), args);
    assert.equal(context.getArgByIndex(MCP_CALL_ARGUMENT.context), ctx);
    assert.deepEqual(reads, []);
    assert.equal(context.switchToHttp().getRequest(), request);
    assert.deepEqual(context.getArgs(), [request, 'res', undefined, args, ctx]);
    assert.deepEqual(reads, ['request', 'response']);
  });

  it('shows a call without HTTP (stdio) a request with no headers and no user', () => {
    const ctx = { method: 'tools/call', request: undefined } as unknown as McpContext;
    const [request, response] = mcpCallArguments({ user: { roles: ['admin'] } }, ctx) as [{ headers: object; user?: unknown }, unknown];
    assert.deepEqual(request, { headers: {} });
    assert.equal(request.user, undefined);
    assert.equal(response, undefined);
  });

  it('gives work without a response (a task, stdio) a detached one that takes headers and sends nothing', () => {
    const response = new DetachedHttpResponse();
    response.setHeader('X-Rate', '1').status(429);
    assert.equal(response.getHeader('x-rate'), '1');
    assert.equal(response.statusCode, 429);
    assert.equal(response.headersSent, false);
  });
});
