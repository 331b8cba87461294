import { MCP_COMPLETE_METADATA } from '../common/mcp.constants.js';
import type { McpCompleteOptions } from '../interfaces/mcp-complete-options.interface.js';
import { recordDefaultMcpParams } from './mcp-default-params.js';

/**
 * Supplies completions for a prompt argument (`{ prompt, argument }`) or a resource-template
 * variable (`{ resource: 'users://{id}/profile', argument: 'id' }`). The method receives an
 * `McpCompletionRequest` and returns candidate strings.
 *
 * @publicApi
 */
export function McpComplete(options: McpCompleteOptions): MethodDecorator {
  return (target, key, descriptor) => {
    Reflect.defineMetadata(MCP_COMPLETE_METADATA, options, descriptor.value as object);
    recordDefaultMcpParams(target, key);
    return descriptor;
  };
}
