import { ConfigurableModuleBuilder } from '@nestjs/common';
import { DEFAULT_MAX_REQUEST_BODY_SIZE } from '@modelcontextprotocol/server';
import type { McpModuleOptions, McpTransportKind } from './interfaces/mcp-module-options.interface.js';
import type { McpTasksOptions } from './interfaces/mcp-task-options.interface.js';
import {
  DEFAULT_MCP_PATH,
  DEFAULT_PAGE_SIZE,
  DEFAULT_SESSION_IDLE_TIMEOUT_MS,
  DEFAULT_SSE_MESSAGES_PATH,
  DEFAULT_SSE_PATH,
} from './common/mcp.constants.js';
import { DEFAULT_MAX_TASK_TTL_MS, DEFAULT_TASK_POLL_INTERVAL_MS, DEFAULT_TASK_TTL_MS } from './tasks/mcp-tasks.constants.js';

export const {
  ConfigurableModuleClass: McpConfigurableModule,
  MODULE_OPTIONS_TOKEN: MCP_MODULE_OPTIONS,
  OPTIONS_TYPE: MCP_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MCP_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<McpModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

/** Options with every default applied: what the rest of the library reads. */
export type ResolvedMcpOptions = Omit<McpModuleOptions, 'transports' | 'tasks'> &
  Required<Pick<McpModuleOptions, 'path' | 'ssePath' | 'sseMessagesPath' | 'stateless' | 'sessionIdleTimeoutMs' | 'maskErrors' | 'pageSize' | 'maxRequestBodySize' | 'progressIntervalMs'>> & {
    transports: ReadonlySet<McpTransportKind>;
    tasks: Required<Pick<McpTasksOptions, 'defaultTtlMs' | 'maxTtlMs' | 'pollIntervalMs'>>;
  };

export const MCP_OPTIONS = Symbol('MCP_OPTIONS');

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`McpModule: ${name} must be a positive integer, got ${value}`);
  return value;
}

function normalizePath(path: string): string {
  return `/${path.replace(/^\/+|\/+$/g, '')}`;
}

export function resolveMcpOptions(options: McpModuleOptions): ResolvedMcpOptions {
  if (!options?.name || !options.version) {
    throw new TypeError('McpModule.forRoot() needs at least { name, version }');
  }
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new TypeError(`McpModule: pageSize must be a positive integer, got ${pageSize}`);
  return {
    ...options,
    path: normalizePath(options.path ?? DEFAULT_MCP_PATH),
    ssePath: normalizePath(options.ssePath ?? DEFAULT_SSE_PATH),
    sseMessagesPath: normalizePath(options.sseMessagesPath ?? DEFAULT_SSE_MESSAGES_PATH),
    transports: new Set(options.transports ?? ['streamable-http']),
    stateless: options.stateless ?? false,
    sessionIdleTimeoutMs: options.sessionIdleTimeoutMs ?? DEFAULT_SESSION_IDLE_TIMEOUT_MS,
    maskErrors: options.maskErrors ?? process.env.NODE_ENV === 'production',
    pageSize,
    maxRequestBodySize: options.maxRequestBodySize ?? DEFAULT_MAX_REQUEST_BODY_SIZE,
    progressIntervalMs: options.progressIntervalMs ?? 50,
    // SEP-2663: `ttlMs` and `pollIntervalMs` are positive integer milliseconds on the wire.
    tasks: {
      defaultTtlMs: positiveInteger('tasks.defaultTtlMs', options.tasks?.defaultTtlMs ?? DEFAULT_TASK_TTL_MS),
      maxTtlMs: positiveInteger('tasks.maxTtlMs', options.tasks?.maxTtlMs ?? DEFAULT_MAX_TASK_TTL_MS),
      pollIntervalMs: positiveInteger('tasks.pollIntervalMs', options.tasks?.pollIntervalMs ?? DEFAULT_TASK_POLL_INTERVAL_MS),
    },
  };
}
