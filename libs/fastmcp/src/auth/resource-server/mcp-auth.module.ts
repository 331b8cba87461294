import { Module } from '@nestjs/common';
import { MCP_AUTH_MODULE_OPTIONS, MCP_AUTH_OPTIONS, McpAuthConfigurableModule, resolveMcpAuthOptions } from './mcp-auth.module-definition.js';
import { McpAuthGuard } from './mcp-auth.guard.js';
import { ProtectedResourceRoutes } from './protected-resource.routes.js';

/**
 * Makes the MCP endpoint an OAuth 2.1 resource server: serves the RFC 9728 metadata document
 * and provides `McpAuthGuard`. Pair it with a strategy module (`McpJwtModule`,
 * `McpApiKeyModule`) or the app's own passport strategies.
 */
@Module({
  providers: [{ provide: MCP_AUTH_OPTIONS, useFactory: resolveMcpAuthOptions, inject: [MCP_AUTH_MODULE_OPTIONS] }, McpAuthGuard, ProtectedResourceRoutes],
  exports: [MCP_AUTH_OPTIONS, McpAuthGuard],
})
/** @publicApi */
export class McpAuthModule extends McpAuthConfigurableModule {}
