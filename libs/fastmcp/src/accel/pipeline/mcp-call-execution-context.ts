import type { ExecutionContext, Type } from '@nestjs/common';
import { MCP_CALL_ARGUMENT, mcpCallArguments } from '../../execution/mcp-call-arguments.js';
import type { McpContext } from '../../interfaces/mcp-context.interface.js';

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

/**
 * The `ExecutionContext` guards and interceptors of an MCP handler receive, as Nest's
 * `ExecutionContextHost` builds it (same getters, same argument places). Made from the
 * arguments a handler was invoked with: either already in {@link MCP_CALL_ARGUMENT} order, or
 * the call's own `(args, ctx)`, which it lays out the same way only when something reads the
 * HTTP side (reading the request makes it a full Express request, which costs time).
 */
export class McpCallExecutionContext implements ExecutionContext {
  private laidOut?: unknown[];

  constructor(
    private readonly args: unknown[],
    /** `true` when `args` is the call's own `(args, ctx)`. */
    private readonly compact: boolean,
    private readonly classRef: Type<unknown>,
    private readonly handler: Function,
    private readonly type: string,
  ) {}

  getType<TContext extends string>(): TContext {
    return this.type as TContext;
  }

  getClass<T = unknown>(): Type<T> {
    return this.classRef as Type<T>;
  }

  getHandler(): Function {
    return this.handler;
  }

  getArgs<T extends unknown[] = unknown[]>(): T {
    if (!this.compact) return this.args as T;
    return (this.laidOut ??= mcpCallArguments(this.args[0], this.args[1] as McpContext)) as T;
  }

  getArgByIndex<T = unknown>(index: number): T {
    if (this.compact && !this.laidOut) {
      // The call's own values need no layout: what the guards of most tools read.
      if (index === MCP_CALL_ARGUMENT.args) return this.args[0] as T;
      if (index === MCP_CALL_ARGUMENT.context) return this.args[1] as T;
    }
    return this.getArgs()[index] as T;
  }

  switchToHttp(): HttpArgumentsHost {
    return {
      getRequest: <T>() => this.getArgByIndex<T>(MCP_CALL_ARGUMENT.request),
      getResponse: <T>() => this.getArgByIndex<T>(MCP_CALL_ARGUMENT.response),
      getNext: <T>() => this.getArgByIndex<T>(MCP_CALL_ARGUMENT.next),
    };
  }

  switchToRpc(): RpcArgumentsHost {
    return {
      getData: <T>() => this.getArgByIndex<T>(0),
      getContext: <T>() => this.getArgByIndex<T>(1),
    };
  }

  switchToWs(): WsArgumentsHost {
    return {
      getClient: <T>() => this.getArgByIndex<T>(0),
      getData: <T>() => this.getArgByIndex<T>(1),
      getPattern: () => this.getArgByIndex<string>(this.getArgs().length - 1),
    };
  }
}
