import { assignMetadata, type PipeTransform, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '../common/mcp.constants.js';
import { McpParamType } from '../common/mcp-param-type.enum.js';

type Pipe = PipeTransform | Type<PipeTransform>;

function mcpParam(type: McpParamType, data: string | undefined, pipes: Pipe[]): ParameterDecorator {
  return (target, key, index) => {
    if (key === undefined) return;
    const existing = Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {};
    Reflect.defineMetadata(ROUTE_ARGS_METADATA, assignMetadata(existing, type, index, data, ...pipes), target.constructor, key);
  };
}

/**
 * The validated arguments (or one property of them), run through the given pipes.
 *
 * @publicApi
 */
export function McpArgs(property?: string | Pipe, ...pipes: Pipe[]): ParameterDecorator {
  return typeof property === 'string' || property === undefined
    ? mcpParam(McpParamType.ARGS, property, pipes)
    : mcpParam(McpParamType.ARGS, undefined, [property, ...pipes]);
}

/**
 * The `McpContext` of the call.
 *
 * @publicApi
 */
export function McpCtx(): ParameterDecorator {
  return mcpParam(McpParamType.CONTEXT, undefined, []);
}
