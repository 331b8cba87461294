import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { getMcpUser } from './get-mcp-user.js';

/**
 * The authenticated principal (or one of its properties) as a handler parameter, in MCP
 * handlers and HTTP controllers alike: `whoami(@McpArgs() args, @McpUser('sub') sub: string)`.
 *
 * @publicApi
 */
export const McpUser = createParamDecorator((property: string | undefined, context: ExecutionContext) => {
  const user = getMcpUser<Record<string, unknown>>(context);
  return property === undefined ? user : user?.[property];
});
