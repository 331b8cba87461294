import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerContext } from '@modelcontextprotocol/server';
import { CallCancellation } from './call-cancellation.js';
import { abortNoticeOf, bindRequestAbort, RequestAbort } from './request-abort.js';

describe('RequestAbort', () => {
  it('aborts like an AbortController: the first reason wins, a missing one is an AbortError', () => {
    const abort = new RequestAbort();
    abort.abort();
    abort.abort(new Error('later'));
    assert.equal(abort.aborted, true);
    assert.equal((abort.reason as DOMException).name, 'AbortError');
    assert.equal(abort.signal.aborted, true);
    assert.equal(abort.signal.reason, abort.reason);
  });

  it('makes its signal on first read, and aborts it afterwards too', () => {
    const abort = new RequestAbort();
    const signal = abort.signal;
    assert.equal(abort.signal, signal);
    abort.abort('cancelled by client');
    assert.equal(signal.aborted, true);
    assert.equal(signal.reason, 'cancelled by client');
  });

  it("stops a call's cancellation once, with its reason", () => {
    const abort = new RequestAbort();
    const cancellation = new CallCancellation(abort);
    const reasons: unknown[] = [];
    cancellation.onCancel((reason) => reasons.push(reason));
    abort.abort('cancelled by client');
    abort.abort('again');
    assert.deepEqual(reasons, ['cancelled by client']);
    assert.equal(cancellation.timedOut, false);
  });

  it("is what a context bound to it reports; otherwise the SDK's signal is", () => {
    const controller = new AbortController();
    const ctx = { mcpReq: { signal: controller.signal } } as unknown as ServerContext;
    assert.equal(abortNoticeOf(ctx), controller.signal);
    const abort = new RequestAbort();
    const bound = bindRequestAbort(ctx, abort);
    assert.equal(abortNoticeOf(bound), abort);
    // The SDK copies contexts by spreading them: the binding survives that.
    assert.equal(abortNoticeOf({ ...bound }), abort);
  });
});
