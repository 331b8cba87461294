import type { ArgumentsHost, ExecutionContext } from '@nestjs/common';
import { MCP_CONTEXT_TYPE } from '../common/mcp.constants.js';
import { MCP_CALL_ARGUMENT } from './mcp-call-arguments.js';
import type { McpContext } from '../interfaces/mcp-context.interface.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';

/**
 * Typed view of an `ExecutionContext` / `ArgumentsHost` inside MCP handlers, as
 * `GqlExecutionContext` is for GraphQL: guards, interceptors and filters read the call through it.
 * `context.switchToHttp()` keeps giving the HTTP request and response, as on a controller.
 *
 * @publicApi
 */
export class McpExecutionContext {
  private constructor(private readonly host: ArgumentsHost) {}

  static create(host: ExecutionContext | ArgumentsHost): McpExecutionContext {
    return new McpExecutionContext(host);
  }

  /** Whether the host is an MCP call (and not HTTP, RPC, WS or GraphQL). */
  static isMcp(host: ArgumentsHost): boolean {
    return host.getType<string>() === MCP_CONTEXT_TYPE;
  }

  /** The validated arguments of the tool / prompt, or the variables of a resource template: client input. */
  getArgs<T = Record<string, unknown>>(): T {
    return this.host.getArgByIndex<T>(MCP_CALL_ARGUMENT.args);
  }

  getContext<TUser = unknown>(): McpContext<TUser> {
    return this.host.getArgByIndex<McpContext<TUser>>(MCP_CALL_ARGUMENT.context);
  }

  /** The HTTP request the MCP message arrived on (where `req.user` and headers live); `undefined` over stdio. */
  getRequest(): McpHttpRequest | undefined {
    return this.getContext().request;
  }

  getUser<TUser = unknown>(): TUser | undefined {
    return this.getContext<TUser>().user;
  }

  /** `tools/call`, `resources/read`, `prompts/get` or `completion/complete`. */
  getMethod(): string {
    return this.getContext().method;
  }
}
