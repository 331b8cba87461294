import { Injectable } from '@nestjs/common';
import { PIPES_METADATA } from '@nestjs/common/constants.js';
import { ApplicationConfig, ContextIdFactory, DiscoveryService, ExternalContextCreator, ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import { MCP_CONTEXT_TYPE, ROUTE_ARGS_METADATA } from '../mcp.constants.js';
import type { McpInvoker } from '../registry/mcp-definitions.js';
import type { McpContext } from './mcp-context.js';
import { McpGuardsConsumer } from './mcp-guards.consumer.js';
import { McpInterceptorsConsumer } from './mcp-interceptors.consumer.js';
import { McpParamType } from './mcp-param-type.enum.js';
import { McpParamsFactory } from './mcp-params.factory.js';

/** A metadata key nothing is stored under: the handler gets the call's own `(args, ctx)`. */
const NO_PARAMS_METADATA = 'mcp:no-params';

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
  private readonly externalContextCreator: ExternalContextCreator;

  constructor(
    externalContextCreator: ExternalContextCreator,
    private readonly moduleRef: ModuleRef,
    private readonly config: ApplicationConfig,
  ) {
    this.externalContextCreator = withMcpConsumers(externalContextCreator, new McpInterceptorsConsumer(), new McpGuardsConsumer());
  }

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
      this.passesArgsThrough(instance, methodName) ? NO_PARAMS_METADATA : ROUTE_ARGS_METADATA,
      this.paramsFactory,
      contextId,
      inquirerId,
      undefined,
      MCP_CONTEXT_TYPE,
    ) as (args: unknown, ctx: McpContext) => Promise<unknown>;
  }

  /**
   * Whether the method takes the call's `(args, ctx)` as they are: only the default parameters
   * (see `recordDefaultMcpParams`) and no pipe anywhere (global, class, method, parameter). Nest
   * then has nothing to resolve per parameter, and the composed handler skips its per-call
   * parameter pass (a promise per parameter).
   */
  private passesArgsThrough(instance: HandlerHost, methodName: string): boolean {
    const config = this.config;
    if (config.getGlobalPipes().length > 0 || config.getGlobalRequestPipes().length > 0) return false;
    if (hasPipes(instance.constructor) || hasPipes(instance[methodName])) return false;
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

function hasPipes(target: object | undefined): boolean {
  return target !== undefined && ((Reflect.getMetadata(PIPES_METADATA, target) as unknown[] | undefined)?.length ?? 0) > 0;
}

/** The parts Nest builds an `ExternalContextCreator` from (`fromContainer`); fields in its typings' private part. */
interface ContextCreatorParts {
  guardsContextCreator: unknown;
  guardsConsumer: unknown;
  interceptorsContextCreator: unknown;
  modulesContainer: unknown;
  pipesContextCreator: unknown;
  pipesConsumer: unknown;
  filtersContextCreator: unknown;
  container: unknown;
}

/** The steps of `ExternalContextCreator.create` replaced on our own instance (public methods of the class). */
interface ReplaceableSteps {
  createGuardsFn: McpGuardsConsumer['createGuardsFn'];
  transformToResult(result: unknown): unknown;
}

/**
 * A context creator for MCP handlers alone: the app's, with our interceptor and guard consumers,
 * and a handler's result taken as it is unless it is an observable (Nest's `transformToResult`
 * is `async`: a promise per call for nothing). The app's own instance is shared with other
 * integrations (microservices, GraphQL) and stays as it is.
 */
function withMcpConsumers(base: ExternalContextCreator, interceptorsConsumer: McpInterceptorsConsumer, guardsConsumer: McpGuardsConsumer): ExternalContextCreator {
  const parts = base as unknown as ContextCreatorParts;
  const Creator = ExternalContextCreator as unknown as new (...args: unknown[]) => ExternalContextCreator;
  const creator = new Creator(
    parts.guardsContextCreator,
    parts.guardsConsumer,
    parts.interceptorsContextCreator,
    interceptorsConsumer,
    parts.modulesContainer,
    parts.pipesContextCreator,
    parts.pipesConsumer,
    parts.filtersContextCreator,
  );
  (creator as unknown as ContextCreatorParts).container = parts.container;
  const steps = creator as unknown as ReplaceableSteps;
  steps.createGuardsFn = (guards, instance, callback, contextType) => guardsConsumer.createGuardsFn(guards, instance, callback, contextType);
  steps.transformToResult = (result) => (isObservable(result) ? lastValueFrom(result) : result);
  return creator;
}
