import { assignMetadata } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '../common/mcp.constants.js';
import { McpParamType } from '../common/mcp-param-type.enum.js';

type RouteArgsMetadata = Record<string, { index: number }>;

/**
 * Records that an undecorated handler receives `(args, ctx)`. Nest runs pipes only on
 * parameters it has metadata for, so without these defaults `@UsePipes()` and global pipes
 * would silently skip MCP handlers. Explicit `@McpArgs()` / `@McpCtx()` / custom param
 * decorators keep their places.
 */
export function recordDefaultMcpParams(target: object, key: string | symbol): void {
  let metadata: RouteArgsMetadata = Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {};
  const entries = Object.entries(metadata);
  const usedIndexes = new Set(entries.map(([, value]) => value.index));
  const declares = (type: McpParamType) => entries.some(([k]) => k.split(':')[0] === String(type));
  if (!usedIndexes.has(0) && !declares(McpParamType.ARGS)) {
    metadata = assignMetadata(metadata, McpParamType.ARGS, 0);
  }
  if (!usedIndexes.has(1) && !declares(McpParamType.CONTEXT)) {
    metadata = assignMetadata(metadata, McpParamType.CONTEXT, 1);
  }
  Reflect.defineMetadata(ROUTE_ARGS_METADATA, metadata, target.constructor, key);
}
