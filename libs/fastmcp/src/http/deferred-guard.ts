import type { CanActivate, ExecutionContext, Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';

/**
 * A guard class from `McpModule` options, looked up on first use. The routes are bound while
 * providers are still being created, when a provider guard is only a placeholder; by the first
 * request it is the real instance. A class no module provides is instantiated with the MCP
 * module's injector (and its `onModuleInit`, if any, run), once.
 */
export class DeferredGuard implements CanActivate {
  private instance?: Promise<CanActivate>;

  constructor(
    private readonly type: Type<CanActivate>,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const guard = await (this.instance ??= this.resolve());
    const result = await guard.canActivate(context);
    return isObservable(result) ? lastValueFrom(result) : result;
  }

  private async resolve(): Promise<CanActivate> {
    try {
      return this.moduleRef.get(this.type, { strict: false });
    } catch {
      const created = await this.moduleRef.create(this.type);
      await (created as Partial<{ onModuleInit(): unknown }>).onModuleInit?.();
      return created;
    }
  }
}
