import { SetMetadata } from '@nestjs/common';
import { MCP_SCOPES_METADATA } from '../common/mcp.constants.js';

/**
 * Restricts a tool, resource or prompt (method) or all of a provider's (class) to principals
 * whose token carries every one of these OAuth scopes. Others do not see it in `* /list`; a
 * call is refused, with `403 insufficient_scope` when `McpAuthGuard` protects the endpoint.
 * A method's scopes replace its class's.
 *
 * @publicApi
 */
export const McpScopes = (...scopes: [string, ...string[]]) => SetMetadata(MCP_SCOPES_METADATA, scopes);
