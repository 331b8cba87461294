import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { GuardsConsumer } from '@nestjs/core/guards/guards-consumer.js';
import { ExternalContextCreator } from '@nestjs/core/helpers/external-context-creator.js';
import { of } from 'rxjs';
import { McpGuardsConsumer } from './mcp-guards.consumer.js';

class Host {
  method() {}
}
const host = new Host();

type GuardsFn = ((args: unknown[]) => unknown) | null;

/** A guard that records its turn and the context type it saw, then answers `answer()`. */
const guard = (name: string, trace: string[], answer: () => unknown): CanActivate => ({
  canActivate: (context: ExecutionContext) => {
    trace.push(`${name}:${context.getType()}`);
    return answer() as boolean;
  },
});

/** Nest's own `createGuardsFn`, on a creator with nothing but its guards consumer. */
function nestGuardsFn(guards: CanActivate[]): GuardsFn {
  const creator = Object.create(ExternalContextCreator.prototype) as ExternalContextCreator;
  (creator as unknown as { guardsConsumer: GuardsConsumer }).guardsConsumer = new GuardsConsumer();
  return creator.createGuardsFn(guards, host, host.method, 'mcp') as GuardsFn;
}

async function outcome(fn: GuardsFn): Promise<string> {
  try {
    await fn!(['args']);
    return 'passed';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe('McpGuardsConsumer', () => {
  const scenarios: Array<[string, (trace: string[]) => CanActivate[]]> = [
    ['every guard returns true', (t) => [guard('a', t, () => true), guard('b', t, () => true)]],
    ['the first false stops the rest', (t) => [guard('a', t, () => false), guard('b', t, () => true)]],
    ['a promise of true, then false', (t) => [guard('a', t, () => Promise.resolve(true)), guard('b', t, () => false)]],
    ['a promise of false', (t) => [guard('a', t, () => true), guard('b', t, () => Promise.resolve(false)), guard('c', t, () => true)]],
    ['an observable of true', (t) => [guard('a', t, () => of(true)), guard('b', t, () => true)]],
    ['an observable of false', (t) => [guard('a', t, () => of(false))]],
    ['a guard that returns nothing', (t) => [guard('a', t, () => undefined)]],
    ['a truthy non-boolean', (t) => [guard('a', t, () => 1), guard('b', t, () => true)]],
    ['a guard that throws', (t) => [guard('a', t, () => true), guard('b', t, () => { throw new Error('boom'); }), guard('c', t, () => true)]],
    ['a rejected promise', (t) => [guard('a', t, () => Promise.reject(new Error('later')))]],
  ];

  for (const [what, make] of scenarios) {
    it(`behaves like Nest's guards when ${what}`, async () => {
      const nestTrace: string[] = [];
      const ourTrace: string[] = [];
      const nest = await outcome(nestGuardsFn(make(nestTrace)));
      const ours = await outcome(new McpGuardsConsumer(false).createGuardsFn(make(ourTrace), host, host.method, 'mcp'));
      assert.equal(ours, nest);
      assert.deepEqual(ourTrace, nestTrace);
    });
  }

  it('answers at once, with no promise, when every guard does', () => {
    const trace: string[] = [];
    const fn = new McpGuardsConsumer(false).createGuardsFn([guard('a', trace, () => true)], host, host.method, 'mcp')!;
    assert.equal(fn(['args']), undefined);
    assert.throws(() => new McpGuardsConsumer(false).createGuardsFn([guard('b', trace, () => false)], host, host.method, 'mcp')!(['args']), /Forbidden resource/);
  });

  it('makes no function without guards, as Nest does', () => {
    assert.equal(new McpGuardsConsumer(false).createGuardsFn([], host, host.method, 'mcp'), null);
    assert.equal(nestGuardsFn([]), null);
  });
});
