import { MCP_PROMPT_METADATA } from '../common/mcp.constants.js';
import type { McpPromptOptions } from '../interfaces/mcp-prompt-options.interface.js';
import type { McpSchemaInput } from '../interfaces/schema-input.interface.js';
import { recordDefaultMcpParams } from './mcp-default-params.js';
import type { McpTypedArgs, McpTypedMethodDecorator, McpTypedPromptOptions } from './typed-handler-options.js';

/**
 * Exposes a provider method as an MCP prompt. Options made with `prompt({...})` type-check the
 * method's first parameter against the `arguments` schema.
 *
 * @publicApi
 */
export function McpPrompt<A extends McpSchemaInput | undefined>(options: McpTypedPromptOptions<A>): McpTypedMethodDecorator<McpTypedArgs<A>, unknown>;
export function McpPrompt(options?: McpPromptOptions): MethodDecorator;
export function McpPrompt(options: McpPromptOptions = {}): MethodDecorator {
  return (target, key, descriptor) => {
    Reflect.defineMetadata(MCP_PROMPT_METADATA, options, descriptor.value as object);
    recordDefaultMcpParams(target, key);
    return descriptor;
  };
}
