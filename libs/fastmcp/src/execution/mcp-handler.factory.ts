import { Inject, Injectable, Optional, type CanActivate } from '@nestjs/common';
import { ContextIdFactory, DiscoveryService, ExternalContextCreator, ModuleRef } from '@nestjs/core';
import { MCP_CONTEXT_TYPE, ROUTE_ARGS_METADATA } from '../common/mcp.constants.js';
import type { McpInvoker } from '../registry/mcp-definitions.js';
import { mcpCallArguments } from './mcp-call-arguments.js';
import { McpCallGuards } from './mcp-call-guards.js';
import { MCP_HANDLER_COMPOSER, type McpHandlerComposer } from './mcp-handler.composer.js';
import { McpParamsFactory } from './mcp-params.factory.js';

export type ProviderWrapper = ReturnType<DiscoveryService['getProviders']>[number];
type HandlerHost = Record<string, (...args: unknown[]) => unknown>;
type Composed = (...args: unknown[]) => Promise<unknown>;
type ContextId = ReturnType<typeof ContextIdFactory.create>;

/**
 * Wraps a provider method in the app's Nest pipeline, the way `@nestjs/graphql` wraps
 * resolvers: guards, interceptors, pipes and exception filters run around every MCP call,
 * with `ExecutionContext.getType() === 'mcp'`, the HTTP request and response where
 * `switchToHttp()` looks, and the call's arguments and `McpContext` after them
 * (`MCP_CALL_ARGUMENT`). The fast path may compose a handler itself (`McpHandlerComposer`).
 */
@Injectable()
export class McpHandlerFactory {
  private readonly paramsFactory = new McpParamsFactory();
  private readonly creator: ExternalContextCreator;

  constructor(
    externalContextCreator: ExternalContextCreator,
    private readonly moduleRef: ModuleRef,
    callGuards: McpCallGuards,
    @Optional() @Inject(MCP_HANDLER_COMPOSER) private readonly composer?: McpHandlerComposer,
  ) {
    this.creator = withGuardSelection(externalContextCreator, callGuards);
  }

  create(wrapper: ProviderWrapper, methodName: string): McpInvoker {
    if (wrapper.isDependencyTreeStatic() && !wrapper.isTransient) {
      // Composed once at bootstrap: a call pays for no pipeline lookup.
      return this.invoker(wrapper.instance as HandlerHost, methodName);
    }
    return async (args, ctx) => {
      const contextId = ContextIdFactory.create();
      // What `@Inject(REQUEST)` yields in a request-scoped provider: the HTTP request when
      // there is one (as for controllers), the MCP context over stdio.
      this.moduleRef.registerRequestByContextId(ctx.request ?? ctx, contextId);
      const instance = await this.moduleRef.resolve<unknown, HandlerHost>(wrapper.token, contextId, { strict: false });
      return this.invoker(instance, methodName, contextId, wrapper.id)(args, ctx);
    };
  }

  /**
   * Wraps a method of an object that is no provider (one the library makes at runtime, such as
   * a mounted server's forwarder) in the same pipeline: the app's global pipeline and the
   * metadata on the object's class.
   */
  forInstance(instance: object, methodName: string): McpInvoker {
    return this.invoker(instance as HandlerHost, methodName);
  }

  private invoker(instance: HandlerHost, methodName: string, contextId?: ContextId, inquirerId?: string): McpInvoker {
    const accelerated = this.composer?.compose(instance, methodName, contextId, inquirerId);
    if (accelerated) return accelerated;
    const composed = this.creator.create(
      instance,
      instance[methodName] as (...args: unknown[]) => unknown,
      methodName,
      ROUTE_ARGS_METADATA,
      this.paramsFactory,
      contextId,
      inquirerId,
      undefined,
      MCP_CONTEXT_TYPE,
    ) as Composed;
    return (args, ctx) => {
      const [request, response, next, callArgs, context] = mcpCallArguments(args, ctx);
      return composed(request, response, next, callArgs, context);
    };
  }
}

type GuardsFnFactory = ExternalContextCreator['createGuardsFn'];

/**
 * The app's context creator, as it is, except that an MCP handler's guards are the ones
 * `McpCallGuards` selects. A view over the app's instance (its prototype) with one public
 * method in front: the instance, which other integrations share, stays untouched.
 */
function withGuardSelection(base: ExternalContextCreator, callGuards: McpCallGuards): ExternalContextCreator {
  const creator = Object.create(base) as ExternalContextCreator;
  const createGuardsFn: GuardsFnFactory = (guards, instance, callback, contextType) =>
    base.createGuardsFn.call(creator, callGuards.select(guards as CanActivate[]), instance, callback, contextType);
  creator.createGuardsFn = createGuardsFn;
  return creator;
}
