import { MCP_RESOURCE_METADATA } from '../common/mcp.constants.js';
import type { McpResourceOptions } from '../interfaces/mcp-resource-options.interface.js';
import { recordDefaultMcpParams } from './mcp-default-params.js';

/**
 * Exposes a provider method as an MCP resource: a fixed `uri`, or a `uriTemplate` whose
 * variables the method receives as its first argument.
 *
 * @publicApi
 */
export function McpResource(options: McpResourceOptions): MethodDecorator {
  return (target, key, descriptor) => {
    Reflect.defineMetadata(MCP_RESOURCE_METADATA, options, descriptor.value as object);
    recordDefaultMcpParams(target, key);
    return descriptor;
  };
}
