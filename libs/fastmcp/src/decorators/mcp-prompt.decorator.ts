import { MCP_PROMPT_METADATA } from '../mcp.constants.js';
import type { McpContext } from '../execution/mcp-context.js';
import type { McpPromptOptions } from '../interfaces/mcp-prompt-options.interface.js';
import type { McpInferArgs, McpSchemaInput } from '../interfaces/schema-input.interface.js';
import { recordDefaultMcpParams } from './mcp-default-params.js';

type McpPromptHandler<A> = (args: McpInferArgs<A>, ctx: McpContext, ...rest: never[]) => unknown;

/** Exposes a provider method as an MCP prompt. */
export function McpPrompt<A extends McpSchemaInput | undefined = undefined>(options: McpPromptOptions<A> = {}) {
  return <T extends McpPromptHandler<A>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>) => {
    Reflect.defineMetadata(MCP_PROMPT_METADATA, options, descriptor.value as object);
    recordDefaultMcpParams(target, key);
    return descriptor;
  };
}
