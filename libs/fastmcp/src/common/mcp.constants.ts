export const MCP_TOOL_METADATA = 'nestjs-fastmcp:tool';
export const MCP_RESOURCE_METADATA = 'nestjs-fastmcp:resource';
export const MCP_PROMPT_METADATA = 'nestjs-fastmcp:prompt';
export const MCP_COMPLETE_METADATA = 'nestjs-fastmcp:complete';

/**
 * Nest's own key for handler parameter metadata. Writing our defaults under it (instead of a
 * private key) keeps users' `createParamDecorator()` decorators and global pipes working on
 * MCP handlers exactly as on controllers.
 */
export const ROUTE_ARGS_METADATA = '__routeArguments__';

/**
 * The value of `ExecutionContext.getType()` inside MCP handlers.
 *
 * @publicApi
 */
export const MCP_CONTEXT_TYPE = 'mcp';

export const DEFAULT_MCP_PATH = '/mcp';
export const DEFAULT_SSE_PATH = '/sse';
export const DEFAULT_SSE_MESSAGES_PATH = '/messages';
export const DEFAULT_SESSION_IDLE_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_PAGE_SIZE = 100;
export const MCP_CALLS_ONLY_METADATA = 'nestjs-fastmcp:calls-only';
export const MCP_ALSO_ON_CALLS_METADATA = 'nestjs-fastmcp:also-on-calls';
export const MCP_ROLES_METADATA = 'nestjs-fastmcp:roles';
export const MCP_SCOPES_METADATA = 'nestjs-fastmcp:scopes';
