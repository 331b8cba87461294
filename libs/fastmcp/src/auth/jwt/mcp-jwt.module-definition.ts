import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { McpJwtModuleOptions } from './mcp-jwt-options.interface.js';

export const {
  ConfigurableModuleClass: McpJwtConfigurableModule,
  MODULE_OPTIONS_TOKEN: MCP_JWT_OPTIONS,
  OPTIONS_TYPE: MCP_JWT_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MCP_JWT_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<McpJwtModuleOptions>().setClassMethodName('forRoot').build();
