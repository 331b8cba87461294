import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { McpApiKeyModuleOptions } from './mcp-api-key-options.interface.js';

export const {
  ConfigurableModuleClass: McpApiKeyConfigurableModule,
  MODULE_OPTIONS_TOKEN: MCP_API_KEY_OPTIONS,
  OPTIONS_TYPE: MCP_API_KEY_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MCP_API_KEY_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<McpApiKeyModuleOptions>().setClassMethodName('forRoot').build();
