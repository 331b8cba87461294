import { MCP_TOOL_METADATA } from '../mcp.constants.js';
import type { McpContext } from '../execution/mcp-context.js';
import type { McpToolOptions } from '../interfaces/mcp-tool-options.interface.js';
import type { McpInferArgs, McpSchemaInput } from '../interfaces/schema-input.interface.js';
import { recordDefaultMcpParams } from './mcp-default-params.js';

type McpToolHandler<I> = (args: McpInferArgs<I>, ctx: McpContext, ...rest: never[]) => unknown;

/**
 * Exposes a provider method as an MCP tool. The method receives the validated arguments
 * (typed from `input`) and the `McpContext`.
 */
export function McpTool<I extends McpSchemaInput | undefined = undefined>(options: McpToolOptions<I> = {}) {
  return <T extends McpToolHandler<I>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>) => {
    Reflect.defineMetadata(MCP_TOOL_METADATA, options, descriptor.value as object);
    recordDefaultMcpParams(target, key);
    return descriptor;
  };
}
