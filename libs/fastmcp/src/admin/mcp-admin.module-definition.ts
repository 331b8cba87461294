import { randomBytes } from 'node:crypto';
import { ConfigurableModuleBuilder } from '@nestjs/common';
import { McpConfigurationError } from '../errors/mcp-configuration.error.js';
import { adminGuardsRequired, adminPathInvalid, adminPositiveInteger } from './admin.messages.js';
import type { McpAdminModuleOptions } from './mcp-admin-options.interface.js';

export const {
  ConfigurableModuleClass: McpAdminConfigurableModule,
  MODULE_OPTIONS_TOKEN: MCP_ADMIN_MODULE_OPTIONS,
  OPTIONS_TYPE: MCP_ADMIN_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MCP_ADMIN_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<McpAdminModuleOptions>().setClassMethodName('forRoot').build();

export const MCP_ADMIN_OPTIONS = Symbol('MCP_ADMIN_OPTIONS');

const OWNER = 'McpAdminModule';

/** Options with every default applied: what the admin providers read. */
export interface ResolvedMcpAdminOptions {
  path: string;
  guards: McpAdminModuleOptions['guards'];
  recentCalls: number;
  refreshIntervalMs: number;
  csrfSecret: Buffer;
  allowedOrigins: ReadonlySet<string>;
}

export function resolveAdminOptions(options: McpAdminModuleOptions): ResolvedMcpAdminOptions {
  const path = options.path ?? '/admin';
  // One absolute segment list without a trailing slash: `${path}/api/...` must stay under it.
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(path)) throw new McpConfigurationError(OWNER, 'path', adminPathInvalid(path));
  if (!options.guards || options.guards.length === 0) throw new McpConfigurationError(OWNER, 'guards', adminGuardsRequired());
  const recentCalls = options.recentCalls ?? 500;
  const refreshIntervalMs = options.refreshIntervalMs ?? 2_000;
  for (const [option, value] of [['recentCalls', recentCalls], ['refreshIntervalMs', refreshIntervalMs]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new McpConfigurationError(OWNER, option, adminPositiveInteger(option, value));
  }
  return {
    path,
    guards: options.guards,
    recentCalls,
    refreshIntervalMs,
    csrfSecret: options.csrfSecret ? Buffer.from(options.csrfSecret, 'utf8') : randomBytes(32),
    allowedOrigins: new Set((options.allowedOrigins ?? []).map((origin) => origin.replace(/\/+$/, '').toLowerCase())),
  };
}
