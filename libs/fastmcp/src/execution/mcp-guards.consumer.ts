import { ForbiddenException, type CanActivate } from '@nestjs/common';
import { FORBIDDEN_MESSAGE } from '@nestjs/core/guards/constants.js';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { isObservable, lastValueFrom } from 'rxjs';

type GuardsFn = (args: unknown[]) => void | Promise<void>;

/**
 * Runs an MCP handler's guards as Nest's `GuardsConsumer` does (in order, the first `false`
 * refuses with `ForbiddenException`, promises and observables awaited), with one difference: a
 * verdict every guard gives at once is given at once. Nest's version is `async` all the way
 * down (two promises and their turns per call) even when every guard returns a boolean.
 */
export class McpGuardsConsumer {
  /** What `ExternalContextCreator.createGuardsFn` makes: `null` without guards. */
  createGuardsFn(guards: CanActivate[], instance: object, callback: (...args: unknown[]) => unknown, contextType?: string): GuardsFn | null {
    if (guards.length === 0) return null;
    return (args) => {
      const context = new ExecutionContextHost(args, instance.constructor as never, callback);
      context.setType(contextType as string);
      for (let i = 0; i < guards.length; i++) {
        const result = guards[i]!.canActivate(context);
        if (result === true) continue;
        if (result === false) throw new ForbiddenException(FORBIDDEN_MESSAGE);
        return this.activateFrom(guards, i, result, context);
      }
      return undefined;
    };
  }

  /** The rest of the guards once one of them answered with a promise or an observable. */
  private async activateFrom(guards: CanActivate[], index: number, pending: unknown, context: ExecutionContextHost): Promise<void> {
    if (!(await settle(pending))) throw new ForbiddenException(FORBIDDEN_MESSAGE);
    for (let i = index + 1; i < guards.length; i++) {
      if (!(await settle(guards[i]!.canActivate(context)))) throw new ForbiddenException(FORBIDDEN_MESSAGE);
    }
  }
}

/** A guard's answer, as Nest's `pickResult` takes it (an observable from another copy of rxjs included). */
async function settle(result: unknown): Promise<unknown> {
  const value = await result;
  return isObservable(value) ? lastValueFrom(value) : value;
}
