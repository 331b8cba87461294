import { MCP_PROMPT_METADATA } from '../common/mcp.constants.js';
import type { McpPromptOptions } from '../interfaces/mcp-prompt-options.interface.js';
import { recordDefaultMcpParams } from './mcp-default-params.js';

/**
 * Exposes a provider method as an MCP prompt.
 *
 * @publicApi
 */
export function McpPrompt(options: McpPromptOptions = {}): MethodDecorator {
  return (target, key, descriptor) => {
    Reflect.defineMetadata(MCP_PROMPT_METADATA, options, descriptor.value as object);
    recordDefaultMcpParams(target, key);
    return descriptor;
  };
}
