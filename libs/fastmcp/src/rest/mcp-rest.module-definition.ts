import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { McpRestOptions } from './mcp-rest-options.interface.js';

export const {
  ConfigurableModuleClass: McpRestConfigurableModule,
  MODULE_OPTIONS_TOKEN: MCP_REST_MODULE_OPTIONS,
  OPTIONS_TYPE: MCP_REST_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MCP_REST_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<McpRestOptions>().setClassMethodName('forRoot').build();

/** Options with every default applied. */
export interface ResolvedRestOptions {
  /** Without leading or trailing slashes. */
  prefix: string;
  openApi: { title?: string; description?: string };
  docs: boolean;
}

export const MCP_REST_OPTIONS = Symbol('MCP_REST_OPTIONS');

export function resolveRestOptions(options: McpRestOptions = {}): ResolvedRestOptions {
  return {
    prefix: (options.prefix ?? 'api').replace(/^\/+|\/+$/g, ''),
    openApi: options.openApi ?? {},
    docs: options.docs ?? true,
  };
}

/** Where the REST routes are: the app's global prefix (if any), then the REST prefix. */
export function restBasePath(globalPrefix: string | undefined, options: ResolvedRestOptions): string {
  const global = (globalPrefix ?? '').replace(/^\/+|\/+$/g, '');
  return `/${[global, options.prefix].filter(Boolean).join('/')}`;
}
