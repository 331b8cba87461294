// `nestjs-fastmcp/admin`: a guarded admin page for the MCP server.
export { McpAdminModule } from './mcp-admin.module.js';
export type { McpAdminModuleOptions } from './mcp-admin-options.interface.js';
