import type { ParamsFactory } from '@nestjs/core';
import { McpParamType } from './mcp-param-type.enum.js';

/** Resolves `@McpArgs()` / `@McpCtx()` (and the defaults `@McpTool` adds) from the call's arguments. */
export class McpParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, data: unknown, args: unknown[]): unknown {
    switch (type) {
      case McpParamType.ARGS: {
        const value = args[0] as Record<string, unknown> | undefined;
        return typeof data === 'string' && value ? value[data] : value;
      }
      case McpParamType.CONTEXT:
        return args[1];
      default:
        return undefined;
    }
  }
}
