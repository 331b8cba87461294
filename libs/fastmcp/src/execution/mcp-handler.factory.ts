import { Inject, Injectable, type CanActivate } from '@nestjs/common';
import { ApplicationConfig, ContextIdFactory, DiscoveryService, ExternalContextCreator, ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import { MCP_CONTEXT_TYPE, ROUTE_ARGS_METADATA } from '../common/mcp.constants.js';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import type { McpInvoker } from '../registry/mcp-definitions.js';
import { mcpCallArguments } from './mcp-call-arguments.js';
import { McpCallGuards } from './mcp-call-guards.js';
import { McpGuardsConsumer } from '../accel/pipeline/mcp-guards.consumer.js';
import { McpInterceptorsConsumer } from '../accel/pipeline/mcp-interceptors.consumer.js';
import { McpParamType } from '../common/mcp-param-type.enum.js';
import { McpParamsFactory } from './mcp-params.factory.js';

/** A metadata key nothing is stored under: the handler gets the call's own `(args, ctx)`. */
const NO_PARAMS_METADATA = 'mcp:no-params';
/** Nest's metadata keys of `@UsePipes()` and `@UseFilters()`. */
const PIPES_METADATA = '__pipes__';
const EXCEPTION_FILTERS_METADATA = '__exceptionFilters__';

export type ProviderWrapper = ReturnType<DiscoveryService['getProviders']>[number];
type HandlerHost = Record<string, (...args: unknown[]) => unknown>;
type Composed = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps a provider method in the app's Nest pipeline, the way `@nestjs/graphql` wraps
 * resolvers: guards, interceptors, pipes and exception filters run around every MCP call,
 * with `ExecutionContext.getType() === 'mcp'`, the HTTP request and response where
 * `switchToHttp()` looks, and the call's arguments and `McpContext` after them.
 */
@Injectable()
export class McpHandlerFactory {
  private readonly paramsFactory = new McpParamsFactory();
  /** Composes handlers whose pipeline sees the arguments laid out as `MCP_CALL_ARGUMENT` says. */
  private readonly creator: ExternalContextCreator;
  /** Composes handlers invoked with the call's own `(args, ctx)` (fast path only). */
  private readonly compactCreator?: ExternalContextCreator;

  constructor(
    externalContextCreator: ExternalContextCreator,
    private readonly moduleRef: ModuleRef,
    private readonly config: ApplicationConfig,
    private readonly callGuards: McpCallGuards,
    @Inject(MCP_OPTIONS) options: ResolvedMcpOptions,
  ) {
    if (options.fastPath === false) {
      this.creator = withGuardSelection(externalContextCreator, callGuards);
    } else {
      this.creator = withMcpConsumers(externalContextCreator, callGuards, false);
      this.compactCreator = withMcpConsumers(externalContextCreator, callGuards, true);
    }
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

  private invoker(instance: HandlerHost, methodName: string, contextId?: ReturnType<typeof ContextIdFactory.create>, inquirerId?: string): McpInvoker {
    if (this.compactCreator && this.passesArgsThrough(instance, methodName)) {
      const composed = this.compose(this.compactCreator, NO_PARAMS_METADATA, instance, methodName, contextId, inquirerId);
      return (args, ctx) => composed(args, ctx);
    }
    const composed = this.compose(this.creator, ROUTE_ARGS_METADATA, instance, methodName, contextId, inquirerId);
    return (args, ctx) => {
      const [request, response, next, callArgs, context] = mcpCallArguments(args, ctx);
      return composed(request, response, next, callArgs, context);
    };
  }

  private compose(
    creator: ExternalContextCreator,
    metadataKey: string,
    instance: HandlerHost,
    methodName: string,
    contextId?: ReturnType<typeof ContextIdFactory.create>,
    inquirerId?: string,
  ): Composed {
    return creator.create(
      instance,
      instance[methodName] as (...args: unknown[]) => unknown,
      methodName,
      metadataKey,
      this.paramsFactory,
      contextId,
      inquirerId,
      undefined,
      MCP_CONTEXT_TYPE,
    ) as Composed;
  }

  /**
   * Whether the method takes the call's `(args, ctx)` as they are: only the default parameters
   * (see `recordDefaultMcpParams`), no pipe anywhere (global, class, method, parameter) and no
   * exception filter (Nest hands filters a host made from the arguments it was invoked with).
   * Nest then has nothing to resolve per parameter, and the composed handler skips its per-call
   * parameter pass (a promise per parameter); guards and interceptors see the call laid out
   * as usual (`McpCallExecutionContext`).
   */
  private passesArgsThrough(instance: HandlerHost, methodName: string): boolean {
    const config = this.config;
    if (config.getGlobalPipes().length > 0 || config.getGlobalRequestPipes().length > 0) return false;
    if (config.getGlobalFilters().length > 0 || config.getGlobalRequestFilters().length > 0) return false;
    if (has(PIPES_METADATA, instance.constructor) || has(PIPES_METADATA, instance[methodName])) return false;
    if (has(EXCEPTION_FILTERS_METADATA, instance.constructor) || has(EXCEPTION_FILTERS_METADATA, instance[methodName])) return false;
    const params = (Reflect.getMetadata(ROUTE_ARGS_METADATA, instance.constructor, methodName) ?? {}) as Record<string, { index: number; data?: unknown; pipes?: unknown[] }>;
    const keys = Object.keys(params);
    return (
      keys.length === 2 &&
      keys.every((key) => {
        const { index, data, pipes } = params[key]!;
        return (key === `${McpParamType.ARGS}:0` || key === `${McpParamType.CONTEXT}:1`) && index === Number(key.split(':')[1]) && data === undefined && !pipes?.length;
      })
    );
  }
}

function has(metadataKey: string, target: object | undefined): boolean {
  return target !== undefined && ((Reflect.getMetadata(metadataKey, target) as unknown[] | undefined)?.length ?? 0) > 0;
}

type GuardsFnFactory = ExternalContextCreator['createGuardsFn'];

/**
 * The app's context creator, as it is, except that an MCP handler's guards are the ones
 * `McpCallGuards` selects. A view over the app's instance (its prototype), which other
 * integrations share and which stays untouched.
 */
function withGuardSelection(base: ExternalContextCreator, callGuards: McpCallGuards): ExternalContextCreator {
  const creator = Object.create(base) as ExternalContextCreator;
  const createGuardsFn: GuardsFnFactory = (guards, instance, callback, contextType) =>
    base.createGuardsFn.call(creator, callGuards.select(guards as CanActivate[]), instance, callback, contextType);
  creator.createGuardsFn = createGuardsFn;
  return creator;
}

/**
 * A view over the app's context creator with our interceptor and guard consumers, and a
 * handler's result taken as it is unless it is an observable (Nest's `transformToResult` is
 * `async`: a promise per call for nothing).
 */
function withMcpConsumers(base: ExternalContextCreator, callGuards: McpCallGuards, compact: boolean): ExternalContextCreator {
  const creator = Object.create(base) as ExternalContextCreator;
  const guardsConsumer = new McpGuardsConsumer(compact);
  (creator as unknown as { interceptorsConsumer: McpInterceptorsConsumer }).interceptorsConsumer = new McpInterceptorsConsumer(compact);
  const createGuardsFn: GuardsFnFactory = (guards, instance, callback, contextType) =>
    guardsConsumer.createGuardsFn(callGuards.select(guards as CanActivate[]), instance, callback, contextType);
  creator.createGuardsFn = createGuardsFn;
  creator.transformToResult = ((result: unknown) => (isObservable(result) ? lastValueFrom(result) : result)) as ExternalContextCreator['transformToResult'];
  return creator;
}

