import { MCP_TOOL_METADATA } from '../common/mcp.constants.js';
import type { McpToolOptions } from '../interfaces/mcp-tool-options.interface.js';
import type { McpSchemaInput } from '../interfaces/schema-input.interface.js';
import { recordDefaultMcpParams } from './mcp-default-params.js';
import type { McpToolReturn, McpTypedArgs, McpTypedMethodDecorator, McpTypedToolOptions } from './typed-handler-options.js';

/**
 * Exposes a provider method as an MCP tool. The method receives the validated arguments and
 * the `McpContext` (or what `@McpArgs()` / `@McpCtx()` / custom param decorators ask for).
 * Options made with `tool({...})` type-check the method against the schemas; otherwise type
 * the arguments with `McpInferArgs<typeof schema>`.
 *
 * @publicApi
 */
export function McpTool<I extends McpSchemaInput | undefined, O extends McpSchemaInput | undefined>(
  options: McpTypedToolOptions<I, O>,
): McpTypedMethodDecorator<McpTypedArgs<I>, McpToolReturn<O>>;
export function McpTool(options?: McpToolOptions): MethodDecorator;
export function McpTool(options: McpToolOptions = {}): MethodDecorator {
  return (target, key, descriptor) => {
    Reflect.defineMetadata(MCP_TOOL_METADATA, options, descriptor.value as object);
    recordDefaultMcpParams(target, key);
    return descriptor;
  };
}
