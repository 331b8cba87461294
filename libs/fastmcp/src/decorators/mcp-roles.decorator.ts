import { SetMetadata } from '@nestjs/common';
import { MCP_ROLES_METADATA } from '../common/mcp.constants.js';

/**
 * Restricts a tool, resource or prompt (method) or all of a provider's (class) to principals
 * holding at least one of these roles. Others do not see it in `* /list` and cannot use it.
 * A method's roles replace its class's.
 *
 * @publicApi
 */
export const McpRoles = (...roles: [string, ...string[]]) => SetMetadata(MCP_ROLES_METADATA, roles);
