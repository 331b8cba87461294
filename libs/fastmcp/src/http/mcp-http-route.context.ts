import type { ServerResponse } from 'node:http';
import type { ExecutionContext, Type } from '@nestjs/common';
import type { McpHttpRequest } from '../common/mcp-http-request.js';

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

/** The `ExecutionContext` of an MCP HTTP route, as Nest builds it for a controller route (`'http'`, `[req, res, next]`). */
export class McpHttpRouteContext implements ExecutionContext {
  private readonly args: unknown[];

  constructor(
    req: McpHttpRequest,
    res: ServerResponse,
    private readonly classRef: Type,
    private readonly handler: Function,
  ) {
    this.args = [req, res, undefined];
  }

  getType<TContext extends string>(): TContext {
    return 'http' as TContext;
  }

  getClass<T = unknown>(): Type<T> {
    return this.classRef as Type<T>;
  }

  getHandler(): Function {
    return this.handler;
  }

  getArgs<T extends unknown[] = unknown[]>(): T {
    return this.args as T;
  }

  getArgByIndex<T = unknown>(index: number): T {
    return this.args[index] as T;
  }

  switchToHttp(): HttpArgumentsHost {
    return { getRequest: <T>() => this.args[0] as T, getResponse: <T>() => this.args[1] as T, getNext: <T>() => this.args[2] as T };
  }

  switchToRpc(): RpcArgumentsHost {
    return { getData: <T>() => this.args[0] as T, getContext: <T>() => this.args[1] as T };
  }

  switchToWs(): WsArgumentsHost {
    return { getClient: <T>() => this.args[0] as T, getData: <T>() => this.args[1] as T, getPattern: () => this.args[2] as string };
  }
}
