import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { McpHttpExchange } from '../common/mcp-http-exchange.js';
import { CallCancellation } from './call-cancellation.js';
import { untilAborted } from './until-aborted.js';

/** A response that can be dropped by the client (`close` before it finished). */
function droppableResponse() {
  const res = Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false });
  const drop = () => {
    res.destroyed = true;
    res.emit('close');
  };
  return { res: res as unknown as ServerResponse, drop };
}

const request = {} as McpHttpRequest;

describe('CallCancellation', () => {
  it('makes no signal until asked, and one already aborted when the call has stopped', () => {
    const client = new AbortController();
    const cancellation = new CallCancellation(client.signal);
    client.abort(new Error('cancelled by client'));
    assert.equal(cancellation.aborted, true);
    assert.equal(cancellation.signal.aborted, true);
    assert.equal((cancellation.signal.reason as Error).message, 'cancelled by client');
    assert.equal(cancellation.timedOut, false);
  });

  it('aborts a signal read before the call stops, with the first reason only', () => {
    const client = new AbortController();
    const { res, drop } = droppableResponse();
    const cancellation = new CallCancellation(client.signal, new McpHttpExchange(request, res));
    const signal = cancellation.signal;
    drop();
    client.abort(new Error('too late'));
    assert.equal(signal.aborted, true);
    assert.equal((signal.reason as Error).message, 'Client disconnected');
  });

  it('times out with the TimeoutError AbortSignal.timeout() gives, and says so', async () => {
    // The call's timer is unref'd (it must not hold a server open): this one keeps the test's loop alive.
    const keepAlive = setTimeout(() => undefined, 5_000);
    const cancellation = new CallCancellation(new AbortController().signal, undefined, 5);
    await assert.rejects(untilAborted(new Promise(() => undefined), cancellation), { name: 'TimeoutError' });
    clearTimeout(keepAlive);
    assert.equal(cancellation.timedOut, true);
  });

  it('stops its timer once disposed, and lets a settled wait unsubscribe', async () => {
    const cancellation = new CallCancellation(new AbortController().signal, undefined, 5);
    assert.equal(await untilAborted(Promise.resolve('done'), cancellation), 'done');
    cancellation.dispose();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(cancellation.aborted, false);
  });

  it('does not count a response that finished normally as a disconnect', () => {
    const res = Object.assign(new EventEmitter(), { writableFinished: true, destroyed: true }) as unknown as ServerResponse;
    const cancellation = new CallCancellation(new AbortController().signal, new McpHttpExchange(request, res));
    res.emit('close');
    assert.equal(cancellation.aborted, false);
  });
});
