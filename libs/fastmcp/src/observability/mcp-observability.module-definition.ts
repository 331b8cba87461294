import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { McpObservabilityOptions } from './interfaces/mcp-observability-options.interface.js';

export const {
  ConfigurableModuleClass: McpObservabilityConfigurableModule,
  MODULE_OPTIONS_TOKEN: MCP_OBSERVABILITY_MODULE_OPTIONS,
} = new ConfigurableModuleBuilder<McpObservabilityOptions>().setClassMethodName('forRoot').build();
