import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionContext, Type } from '@nestjs/common';
import { completeRequestInit } from '../common/deferred-request-init.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { nodeResponseOf } from '../common/node-http-response.js';

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

/**
 * The `ExecutionContext` of an MCP HTTP route, as Nest builds it for a controller route
 * (`'http'`, `[req, res, next]`). A request the fast path took ahead of Express becomes an
 * Express one when app code first asks for it, not before: a guard of this library that reads
 * only what Node's request has (`bareRequestOf`) leaves it bare.
 */
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

  /** The request as the route received it, the init the fast path defers not run. */
  get bareRequest(): McpHttpRequest {
    return this.args[0] as McpHttpRequest;
  }

  /** The response as the route received it, the init the fast path defers not run. */
  get bareResponse(): unknown {
    return this.args[1];
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
    return this.appArgs() as T;
  }

  getArgByIndex<T = unknown>(index: number): T {
    return this.appArgs()[index] as T;
  }

  switchToHttp(): HttpArgumentsHost {
    return { getRequest: <T>() => this.appArgs()[0] as T, getResponse: <T>() => this.appArgs()[1] as T, getNext: <T>() => this.args[2] as T };
  }

  switchToRpc(): RpcArgumentsHost {
    return { getData: <T>() => this.appArgs()[0] as T, getContext: <T>() => this.appArgs()[1] as T };
  }

  switchToWs(): WsArgumentsHost {
    return { getClient: <T>() => this.appArgs()[0] as T, getData: <T>() => this.appArgs()[1] as T, getPattern: () => this.args[2] as string };
  }

  /** The arguments as app code sees them: the request made the platform's own first. */
  private appArgs(): unknown[] {
    completeRequestInit(this.args[0] as IncomingMessage);
    return this.args;
  }
}

/**
 * The request of an HTTP context for code that reads only what Node's request has (headers,
 * `body`, `user`): on an MCP route, the request without the Express init the fast path defers;
 * elsewhere, what the platform hands.
 */
export function bareRequestOf<T = McpHttpRequest>(context: ExecutionContext): T {
  return (context instanceof McpHttpRouteContext ? context.bareRequest : context.switchToHttp().getRequest()) as T;
}

/** The Node response of an HTTP context, likewise left bare on an MCP route. */
export function bareResponseOf(context: ExecutionContext): ServerResponse {
  return nodeResponseOf(context instanceof McpHttpRouteContext ? context.bareResponse : context.switchToHttp().getResponse());
}
