import { Injectable, type CanActivate } from '@nestjs/common';
import { ApplicationConfig, ContextIdFactory, ExternalContextCreator } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import { MCP_CONTEXT_TYPE, ROUTE_ARGS_METADATA } from '../../common/mcp.constants.js';
import { McpParamType } from '../../common/mcp-param-type.enum.js';
import { mcpCallArguments } from '../../execution/mcp-call-arguments.js';
import { McpCallGuards } from '../../execution/mcp-call-guards.js';
import type { McpHandlerComposer } from '../../execution/mcp-handler.composer.js';
import { McpParamsFactory } from '../../execution/mcp-params.factory.js';
import { contextCreatorWith } from '../../internals/nest-context-creator.js';
import type { McpInvoker } from '../../registry/mcp-definitions.js';
import { McpGuardsConsumer } from './mcp-guards.consumer.js';
import { McpInterceptorsConsumer } from './mcp-interceptors.consumer.js';

/** A metadata key nothing is stored under: the handler gets the call's own `(args, ctx)`. */
const NO_PARAMS_METADATA = 'mcp:no-params';
/** Nest's metadata keys of `@UsePipes()` and `@UseFilters()`. */
const PIPES_METADATA = '__pipes__';
const EXCEPTION_FILTERS_METADATA = '__exceptionFilters__';

type HandlerHost = Record<string, (...args: unknown[]) => unknown>;
type Composed = (...args: unknown[]) => Promise<unknown>;
type ContextId = ReturnType<typeof ContextIdFactory.create>;

/**
 * MCP handlers composed on the app's `ExternalContextCreator` with our guard and interceptor
 * consumers (Nest's contract, fewer promises and RxJS stages per call), and a handler that takes
 * the call's `(args, ctx)` as they are invoked without Nest's per-parameter pass.
 */
@Injectable()
export class AcceleratedHandlerComposer implements McpHandlerComposer {
  private readonly paramsFactory = new McpParamsFactory();
  /** Composes handlers whose pipeline sees the arguments laid out as `MCP_CALL_ARGUMENT` says. */
  private readonly creator: ExternalContextCreator;
  /** Composes handlers invoked with the call's own `(args, ctx)`. */
  private readonly compactCreator: ExternalContextCreator;

  constructor(
    base: ExternalContextCreator,
    private readonly config: ApplicationConfig,
    callGuards: McpCallGuards,
  ) {
    this.creator = withConsumers(base, callGuards, false);
    this.compactCreator = withConsumers(base, callGuards, true);
  }

  compose(instance: object, methodName: string, contextId?: ContextId, inquirerId?: string): McpInvoker {
    const host = instance as HandlerHost;
    if (this.passesArgsThrough(host, methodName)) {
      const composed = this.composeWith(this.compactCreator, NO_PARAMS_METADATA, host, methodName, contextId, inquirerId);
      return (args, ctx) => composed(args, ctx);
    }
    const composed = this.composeWith(this.creator, ROUTE_ARGS_METADATA, host, methodName, contextId, inquirerId);
    return (args, ctx) => {
      const [request, response, next, callArgs, context] = mcpCallArguments(args, ctx);
      return composed(request, response, next, callArgs, context);
    };
  }

  private composeWith(creator: ExternalContextCreator, metadataKey: string, instance: HandlerHost, methodName: string, contextId?: ContextId, inquirerId?: string): Composed {
    return creator.create(instance, instance[methodName]!, methodName, metadataKey, this.paramsFactory, contextId, inquirerId, undefined, MCP_CONTEXT_TYPE) as Composed;
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

/**
 * The app's context creator with our interceptor and guard consumers (guards as `McpCallGuards`
 * selects them), and a handler's result taken as it is unless it is an observable (Nest's
 * `transformToResult` is `async`: a promise per call for nothing).
 */
function withConsumers(base: ExternalContextCreator, callGuards: McpCallGuards, compact: boolean): ExternalContextCreator {
  const guardsConsumer = new McpGuardsConsumer(compact);
  return contextCreatorWith(base, {
    interceptors: new McpInterceptorsConsumer(compact),
    createGuardsFn: (guards, instance, callback, contextType) => guardsConsumer.createGuardsFn(callGuards.select(guards as CanActivate[]), instance, callback, contextType),
    transformToResult: (result) => (isObservable(result) ? lastValueFrom(result) : result),
  });
}
