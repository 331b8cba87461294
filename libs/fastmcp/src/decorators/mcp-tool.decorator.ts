import { MCP_TOOL_METADATA } from '../common/mcp.constants.js';
import type { McpToolOptions } from '../interfaces/mcp-tool-options.interface.js';
import { recordDefaultMcpParams } from './mcp-default-params.js';

/**
 * Exposes a provider method as an MCP tool. The method receives the validated arguments and
 * the `McpContext` (or what `@McpArgs()` / `@McpCtx()` / custom param decorators ask for).
 * Type the arguments from the schema with `McpInferArgs<typeof schema>`.
 *
 * @publicApi
 */
export function McpTool(options: McpToolOptions = {}): MethodDecorator {
  return (target, key, descriptor) => {
    Reflect.defineMetadata(MCP_TOOL_METADATA, options, descriptor.value as object);
    recordDefaultMcpParams(target, key);
    return descriptor;
  };
}
