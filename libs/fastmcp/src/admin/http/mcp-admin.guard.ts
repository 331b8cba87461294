import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import { DeferredGuard } from '../../http/deferred-guard.js';
import { MCP_ADMIN_OPTIONS, type ResolvedMcpAdminOptions } from '../mcp-admin.module-definition.js';

/**
 * The `guards` option, as the one route guard of the admin controller. The controller's class
 * exists before `forRootAsync` options do, so it names this fixed guard, which runs the
 * configured ones in order with the route's own `ExecutionContext`. Each refusal behaves as the
 * guard's own would: its exception (a 401 from an authentication guard) or, for `false`, 403.
 */
@Injectable()
export class McpAdminGuard implements CanActivate {
  private readonly guards: CanActivate[];

  constructor(@Inject(MCP_ADMIN_OPTIONS) options: ResolvedMcpAdminOptions, moduleRef: ModuleRef) {
    this.guards = options.guards.map((guard) => (typeof guard === 'function' ? new DeferredGuard(guard, moduleRef) : guard));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    for (const guard of this.guards) {
      let verdict = guard.canActivate(context);
      if (verdict instanceof Promise) verdict = await verdict;
      if (isObservable(verdict)) verdict = await lastValueFrom(verdict);
      if (!verdict) return false;
    }
    return true;
  }
}
