import { Injectable } from '@nestjs/common';
import { ContextIdFactory, DiscoveryService, ExternalContextCreator, ModuleRef } from '@nestjs/core';
import { MCP_CONTEXT_TYPE, ROUTE_ARGS_METADATA } from '../mcp.constants.js';
import type { McpInvoker } from '../registry/mcp-definitions.js';
import type { McpContext } from './mcp-context.js';
import { McpParamsFactory } from './mcp-params.factory.js';

export type ProviderWrapper = ReturnType<DiscoveryService['getProviders']>[number];
type HandlerHost = Record<string, (...args: unknown[]) => unknown>;

/**
 * Wraps a provider method in the app's Nest pipeline, the way `@nestjs/graphql` wraps
 * resolvers: guards, interceptors, pipes and exception filters run around every MCP call,
 * with `ExecutionContext.getType() === 'mcp'` and arguments `(args, ctx)`.
 */
@Injectable()
export class McpHandlerFactory {
  private readonly paramsFactory = new McpParamsFactory();

  constructor(
    private readonly externalContextCreator: ExternalContextCreator,
    private readonly moduleRef: ModuleRef,
  ) {}

  create(wrapper: ProviderWrapper, methodName: string): McpInvoker {
    if (wrapper.isDependencyTreeStatic() && !wrapper.isTransient) {
      // Composed once at bootstrap: a call pays for no pipeline lookup.
      const composed = this.compose(wrapper.instance as HandlerHost, methodName);
      return (args, ctx) => composed(args, ctx);
    }
    return async (args, ctx) => {
      const contextId = ContextIdFactory.create();
      // What `@Inject(REQUEST)` yields in a request-scoped provider: the HTTP request when
      // there is one (as for controllers), the MCP context over stdio.
      this.moduleRef.registerRequestByContextId(ctx.request ?? ctx, contextId);
      const instance = await this.moduleRef.resolve<unknown, HandlerHost>(wrapper.token, contextId, { strict: false });
      return this.compose(instance, methodName, contextId, wrapper.id)(args, ctx);
    };
  }

  private compose(instance: HandlerHost, methodName: string, contextId?: ReturnType<typeof ContextIdFactory.create>, inquirerId?: string) {
    return this.externalContextCreator.create(
      instance,
      instance[methodName] as (...args: unknown[]) => unknown,
      methodName,
      ROUTE_ARGS_METADATA,
      this.paramsFactory,
      contextId,
      inquirerId,
      undefined,
      MCP_CONTEXT_TYPE,
    ) as (args: unknown, ctx: McpContext) => Promise<unknown>;
  }
}
