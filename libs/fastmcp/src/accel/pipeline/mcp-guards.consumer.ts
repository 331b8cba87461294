import { ForbiddenException, type CanActivate, type Type } from '@nestjs/common';
import { isObservable, lastValueFrom } from 'rxjs';
import { McpCallExecutionContext } from './mcp-call-execution-context.js';
import { FORBIDDEN } from '../../errors/mcp.messages.js';

type GuardsFn = (args: unknown[]) => void | Promise<void>;


/**
 * Runs an MCP handler's guards as Nest's `GuardsConsumer` does (in order, the first `false`
 * refuses with `ForbiddenException`, promises and observables awaited), with one difference: a
 * verdict every guard gives at once is given at once. Nest's version is `async` all the way
 * down (two promises and their turns per call) even when every guard returns a boolean.
 */
export class McpGuardsConsumer {
  /** `compact`: handlers are invoked with the call's own `(args, ctx)` (see `McpCallExecutionContext`). */
  constructor(private readonly compact: boolean) {}

  /** What `ExternalContextCreator.createGuardsFn` makes: `null` without guards. */
  createGuardsFn(guards: CanActivate[], instance: object, callback: (...args: unknown[]) => unknown, contextType?: string): GuardsFn | null {
    if (guards.length === 0) return null;
    const classRef = instance.constructor as Type<unknown>;
    return (args) => {
      const context = new McpCallExecutionContext(args, this.compact, classRef, callback, contextType as string);
      for (let i = 0; i < guards.length; i++) {
        const result = guards[i]!.canActivate(context);
        if (result === true) continue;
        if (result === false) throw new ForbiddenException(FORBIDDEN);
        return this.activateFrom(guards, i, result, context);
      }
      return undefined;
    };
  }

  /** The rest of the guards once one of them answered with a promise or an observable. */
  private async activateFrom(guards: CanActivate[], index: number, pending: unknown, context: McpCallExecutionContext): Promise<void> {
    if (!(await settle(pending))) throw new ForbiddenException(FORBIDDEN);
    for (let i = index + 1; i < guards.length; i++) {
      if (!(await settle(guards[i]!.canActivate(context)))) throw new ForbiddenException(FORBIDDEN);
    }
  }
}

/** A guard's answer, as Nest's `pickResult` takes it (an observable from another copy of rxjs included). */
async function settle(result: unknown): Promise<unknown> {
  const value = await result;
  return isObservable(value) ? lastValueFrom(value) : value;
}
