import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerContext } from '@modelcontextprotocol/server';
import { ContextSlot } from './context-slot.js';

const context = () => ({ mcpReq: { id: 1 } }) as unknown as ServerContext;

describe('ContextSlot', () => {
  it('carries a value on the context itself, through the SDK-style spreads, and off the wire', () => {
    const slot = new ContextSlot<string>('test');
    const ctx = slot.bind(context(), 'value');
    assert.equal(slot.of(ctx), 'value');
    assert.equal(slot.of({ ...ctx }), 'value');
    assert.equal(JSON.stringify(ctx), '{"mcpReq":{"id":1}}');
  });

  it('binds nothing for undefined, and keeps slots apart', () => {
    const first = new ContextSlot<string>('same name');
    const second = new ContextSlot<string>('same name');
    const ctx = first.bind(second.bind(context(), undefined), 'first');
    assert.equal(second.of(ctx), undefined);
    assert.equal(Object.getOwnPropertySymbols(ctx).length, 1);
  });

  it('gives a copy with the value, leaving the original untouched', () => {
    const slot = new ContextSlot<number>('copy');
    const original = context();
    const copy = slot.with(original, 7);
    assert.equal(slot.of(copy), 7);
    assert.equal(slot.of(original), undefined);
  });
});
