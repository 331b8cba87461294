import type { ParamsFactory } from '@nestjs/core';
import { MCP_CALL_ARGUMENT } from './mcp-call-arguments.js';
import { McpParamType } from '../common/mcp-param-type.enum.js';

/** Resolves `@McpArgs()` / `@McpCtx()` (and the defaults `@McpTool` adds) from the call's arguments. */
export class McpParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, data: unknown, args: unknown[]): unknown {
    switch (type) {
      case McpParamType.ARGS: {
        const value = args[MCP_CALL_ARGUMENT.args] as Record<string, unknown> | undefined;
        return typeof data === 'string' && value ? value[data] : value;
      }
      case McpParamType.CONTEXT:
        return args[MCP_CALL_ARGUMENT.context];
      default:
        return undefined;
    }
  }
}
